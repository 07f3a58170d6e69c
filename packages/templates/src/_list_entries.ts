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
    const record = typeof item === "object" && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
    const raw = record?.template_id;
    if (record === undefined || typeof raw !== "string" || raw === "") {
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
  const time = (entry: TemplateListEntry): number => {
    const ms = entry.createdTimestamp === undefined ? Number.NaN : Date.parse(entry.createdTimestamp);
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return entries
    .map((entry, index) => ({ entry, index, ms: time(entry), version: versionNumber(entry) }))
    .sort((a, b) => b.ms - a.ms || subMillisecond(b.entry, a.entry) || b.version - a.version || b.index - a.index)
    .map(({ entry }) => entry);
}

/** The entry's `version` as a number (sent as a number or a numeric string), or -1. */
function versionNumber(entry: TemplateListEntry): number {
  const raw = entry.fields.version;
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  return Number.isFinite(value) ? value : -1;
}

/** Orders two timestamps in the same millisecond by their fraction digits beyond it (…00.123456Z). */
function subMillisecond(a: TemplateListEntry, b: TemplateListEntry): number {
  const fraction = (entry: TemplateListEntry): number => {
    const match = /\.\d{3}(\d+)/.exec(entry.createdTimestamp ?? "");
    return match?.[1] === undefined ? 0 : Number(`0.${match[1]}`);
  };
  return fraction(a) - fraction(b);
}
