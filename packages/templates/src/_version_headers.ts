// Internal: the version id of an uploaded template, from the response's
// Location or ETag header.
import { parseTemplateVersionId, type TemplateVersionId } from "./template_version_id.ts";

/**
 * The version id in a `Location` header: the last path segment of the URL
 * (resolved against the request URL), percent-decoded. `undefined` when the
 * header is absent or does not name a version of `templateId`.
 */
export function versionFromLocation(
  location: string | null,
  requestUrl: string,
  templateId: string,
): (TemplateVersionId & { location: string }) | undefined {
  if (location === null || location.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(location.trim(), requestUrl);
  } catch {
    return undefined;
  }
  const segment = url.pathname.replace(/\/+$/, "").split("/").pop() ?? "";
  const parsed = parseMatching(decode(segment), templateId);
  return parsed === undefined ? undefined : { ...parsed, location: url.href };
}

/**
 * The version id in an `ETag` header: `W/` and the quotes stripped. An ETag
 * that is not a version of `templateId` (a content hash, say) gives `undefined`.
 */
export function versionFromEtag(etag: string | null, templateId: string): TemplateVersionId | undefined {
  if (etag === null) return undefined;
  let value = etag.trim();
  if (value.startsWith("W/")) value = value.slice(2);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
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
