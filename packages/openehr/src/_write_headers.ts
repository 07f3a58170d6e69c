// Internal: the headers of a versioned write: an explicit Prefer, and
// openehr-audit-details / openehr-version when the caller gives them.
import { prefer } from "@cadasto/rest";
import { invalid } from "./_invalid.ts";
import type { AuditDetails, LifecycleState, WriteOptions } from "./write_options.ts";

const LIFECYCLE: Readonly<Record<LifecycleState, string>> = { complete: "532", incomplete: "553", deleted: "523" };

/** The openEHR change types (terminology group "audit change type"). */
export const CHANGE_TYPE = { creation: "249", modification: "251", deleted: "523" } as const;

/** A quoted header parameter value: `"` and `\` escaped, non-ASCII percent-encoded, control characters refused. */
function quoted(value: unknown, field: string): string {
  if (typeof value !== "string") throw invalid(field, `${field} must be a string, not ${typeof value}.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw invalid(field, `${field} contains a control character (a line break?): pass one line of text.`);
  const escaped = value.replace(/["\\]/g, (c) => `\\${c}`).replace(/[^\u0020-\u007e]+/g, (text) => encodeURIComponent(text));
  return `"${escaped}"`;
}

/** The `openehr-audit-details` header value. */
export function auditHeader(audit: AuditDetails, changeType: string, field = "options.audit"): string {
  if (typeof audit !== "object" || audit === null) throw invalid(field, `${field} must be { committer?, description? }.`);
  const parts = [`change_type.code_string="${changeType}"`];
  if (audit.committer !== undefined) parts.push(`committer.name=${quoted(audit.committer, `${field}.committer`)}`);
  if (audit.description !== undefined) parts.push(`description.value=${quoted(audit.description, `${field}.description`)}`);
  return parts.join(", ");
}

/** The lifecycle state's code. */
export function lifecycleCode(state: unknown, field = "options.lifecycleState"): string {
  const code = typeof state === "string" ? LIFECYCLE[state as LifecycleState] : undefined;
  if (code === undefined) throw invalid(field, `${field} is ${JSON.stringify(state)}: use "complete", "incomplete" or "deleted".`);
  return code;
}

/** Prefer, audit and version headers for a write. */
export function writeHeaders(options: WriteOptions, changeType: string): Record<string, string> {
  const headers: Record<string, string> = { prefer: prefer(options.prefer ?? "minimal") };
  if (options.audit !== undefined) headers["openehr-audit-details"] = auditHeader(options.audit, changeType);
  if (options.lifecycleState !== undefined) {
    headers["openehr-version"] = `lifecycle_state.code_string="${lifecycleCode(options.lifecycleState)}"`;
  }
  return headers;
}
