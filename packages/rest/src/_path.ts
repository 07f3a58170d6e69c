// Internal: the rule for one path segment, shared by encodePathSegment() and the client
// (which then percent-encode it with encodeURIComponent: every reserved character, `/` included).

/**
 * Why `segment` cannot be a path segment, or `undefined` when it can. `.` and
 * `..` (in any spelling the URL parser treats as a dot segment, `%2e` included)
 * would be resolved away: `GET /template/..` reaches the parent path.
 */
export function segmentProblem(segment: unknown): string | undefined {
  if (typeof segment !== "string") return `must be a string, not ${segment === null ? "null" : typeof segment}`;
  if (segment === "") return "is empty: an empty segment would change the path (//)";
  if (/^(\.|%2e){1,2}$/i.test(segment)) {
    return `is "${segment}": a dot segment would be resolved by the URL parser and reach another path (even encoded as %2E), so it cannot name a resource`;
  }
  return undefined;
}
