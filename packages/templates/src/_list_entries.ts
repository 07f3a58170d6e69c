// Internal: the JSON list of the Definition API as typed entries, and
// version ordering.
import { TemplatesClientError } from "./client_errors.ts";
import { isUuid } from "@cadasto/core";
import { parseTemplateVersionId } from "./template_version_id.ts";
import type { TemplateListEntry } from "./template_list_entry.ts";

const optionalText = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Checks the list body and types each entry; unknown fields stay in `fields`. */
export function toEntries(body: unknown, method: string, url: string): TemplateListEntry[] {
  if (!Array.isArray(body)) {
    throw new TemplatesClientError(
      "invalid_response",
      `${method} ${url} did not answer with a JSON array of templates: check the base URL points at an openEHR API (…/openehr/v1).`,
      { method, url },
    );
  }
  return body.map((item: unknown, index) => {
    // A JSON value: only an object can have a template_id.
    const record = item as Record<string, unknown>;
    const raw = record?.template_id;
    if (typeof raw !== "string" || raw === "") {
      throw new TemplatesClientError(
        "invalid_response",
        `${method} ${url}: entry ${index} has no template_id: the server does not follow the openEHR Definition API.`,
        { method, url },
      );
    }
    const parsed = parseTemplateVersionId(raw);
    // A server may list the version's uid on its own next to a plain template_id.
    const uid = parsed.uid ?? (isUuid(record.uid) ? record.uid : undefined);
    return {
      templateId: parsed.templateId,
      uid,
      // raw is already a checked (version) id; a separate uid was checked as a UUID above.
      versionId: parsed.uid !== undefined || uid === undefined ? raw : `${raw}::${uid}`,
      concept: optionalText(record.concept),
      archetypeId: optionalText(record.archetype_id),
      createdTimestamp: optionalText(record.created_timestamp),
      fields: record,
    };
  });
}

/**
 * Latest first by `created_timestamp`; entries without a readable one go last.
 * Ties are broken the way the server orders versions: a higher `version`
 * number (the list's deprecated field) first, else the one listed later (a
 * server appends each upload to its list, as Cadasto and the sandbox do).
 */
export function latestFirst(entries: readonly TemplateListEntry[]): TemplateListEntry[] {
  return entries
    .map((entry, index) => ({ entry, key: sortKey(entry, index) }))
    .sort(({ key: a }, { key: b }) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2] || b[3] - a[3])
    .map(({ entry }) => entry);
}

/** What orders an entry, most significant first (larger is later): time, its digits past the millisecond, version, list position. */
function sortKey(entry: TemplateListEntry, index: number): [number, number, number, number] {
  const stamp = entry.createdTimestamp ?? "";
  const ms = Date.parse(stamp);
  // The `version` field, sent as a number or a numeric string; -1 without one.
  const raw = entry.fields.version;
  const version = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  return [
    Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms,
    // Date.parse drops the digits past the millisecond (…00.123456Z): they order two versions within one.
    Number(`0.${/\.\d{3}(\d+)/.exec(stamp)?.[1] ?? 0}`),
    Number.isFinite(version) ? version : -1,
    index,
  ];
}
