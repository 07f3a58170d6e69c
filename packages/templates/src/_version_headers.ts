// Internal: the version id of an uploaded template, from the response's
// Location or ETag header (read with the REST core's parsers).
import { parseEtag, parseLocation } from "@cadasto/rest";
import { parseTemplateVersionId, type TemplateVersionId } from "./template_version_id.ts";

/**
 * The version id in a `Location` header: its last path segment, decoded.
 * `undefined` when the header is absent or does not name a version of `templateId`.
 */
export function versionFromLocation(
  location: string | null,
  requestUrl: string,
  templateId: string,
): (TemplateVersionId & { location: string }) | undefined {
  const where = parseLocation(location, requestUrl);
  const parsed = where === undefined ? undefined : parseMatching(where.lastSegment, templateId);
  return parsed === undefined || where === undefined ? undefined : { ...parsed, location: where.url };
}

/**
 * The version id in an `ETag` header: `W/` and the quotes stripped. An ETag
 * that is not a version of `templateId` (a content hash, say) gives `undefined`.
 */
export function versionFromEtag(etag: string | null, templateId: string): TemplateVersionId | undefined {
  const value = parseEtag(etag)?.value;
  if (value === undefined) return undefined;
  // Header values cannot carry every character: servers percent-encode what they cannot send.
  return parseMatching(value, templateId) ?? (value.includes("%") ? parseMatching(decode(value), templateId) : undefined);
}

function parseMatching(value: string, templateId: string): TemplateVersionId | undefined {
  if (value === "") return undefined;
  try {
    const parsed = parseTemplateVersionId(value);
    return parsed.templateId === templateId ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
