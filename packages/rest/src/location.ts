/**
 * A `Location` header, resolved.
 *
 * @example Keep the new resource's address
 * ```ts
 * import { parseLocation, type ResourceLocation } from "@cadasto/rest";
 * const where: ResourceLocation | undefined = parseLocation("composition/8849182c-82ad-4088-a07f-48ead4180515%3A%3Acadasto.example%3A%3A1", "http://127.0.0.1:8080/openehr/v1/ehr/7d44b88c-4199-4bad-97dc-d78268e01398/");
 * console.log(where?.lastSegment);
 * ```
 */
export interface ResourceLocation {
  /** The absolute URL (resolved against the request URL). */
  readonly url: string;
  /** The last path segment, percent-decoded: usually the new resource's id (`…::…::1`). */
  readonly lastSegment: string;
}

/**
 * Reads a `Location` header: resolves it against the request URL and gives
 * the last path segment decoded (the id of what was created). `undefined` for
 * an absent, empty or unparseable header.
 *
 * @param header The header value (`response.headers.get("location")`).
 * @param requestUrl The URL the request went to.
 * @returns The location, or `undefined`.
 *
 * @example The version uid of a new composition
 * ```ts
 * import { parseLocation } from "@cadasto/rest";
 * const where = parseLocation(
 *   "http://127.0.0.1:8080/openehr/v1/ehr/7d44b88c-4199-4bad-97dc-d78268e01398/composition/8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::1",
 *   "http://127.0.0.1:8080/openehr/v1/ehr/7d44b88c-4199-4bad-97dc-d78268e01398/composition",
 * );
 * console.log(where?.lastSegment); // "8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::1"
 * ```
 */
export function parseLocation(header: string | null | undefined, requestUrl: string | URL): ResourceLocation | undefined {
  const value = header?.trim() ?? "";
  if (value === "") return undefined;
  let url: URL;
  try {
    url = new URL(value, requestUrl);
  } catch {
    return undefined;
  }
  const segment = url.pathname.replace(/\/+$/, "").split("/").pop() ?? "";
  let lastSegment = segment;
  try {
    lastSegment = decodeURIComponent(segment);
  } catch {
    // A malformed escape: keep the segment as sent.
  }
  return { url: url.href, lastSegment };
}
