import { segmentProblem } from "./_path.ts";
import { RestClientError } from "./rest_client_error.ts";

/**
 * Percent-encodes one path segment (an id: spaces, `/`, `?`, `#`, `::` and
 * non-ASCII such as `Körpergröße` all stay inside the segment). `.` and `..`
 * are refused, not encoded: the URL parser resolves `%2E` as a dot segment too,
 * so `GET …/template/..` would reach the parent path. The client encodes each
 * segment of a path with this same rule.
 *
 * @param segment The raw segment.
 * @param field The argument to name in the error (default `path`).
 * @returns The encoded segment.
 * @throws {RestClientError} `invalid_option` for an empty segment, `.`, `..` or a non-string.
 *
 * @example Encode a template id
 * ```ts
 * import { encodePathSegment } from "@cadasto/rest";
 * console.log(encodePathSegment("org.highmed::vitals v1")); // "org.highmed%3A%3Avitals%20v1"
 * ```
 */
export function encodePathSegment(segment: string, field = "path"): string {
  const problem = segmentProblem(segment);
  if (problem !== undefined) throw new RestClientError("invalid_option", `${field} ${problem}.`, { field });
  return encodeURIComponent(segment);
}
