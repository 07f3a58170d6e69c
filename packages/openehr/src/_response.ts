// Internal: reading answers: JSON bodies, and the version a write created
// from its ETag, Location or representation.
import { parseEtag, parseLocation, RestClientError } from "@cadasto/rest";
import { parseVersionUid } from "./_ids.ts";

/** The JSON body of a 2xx answer (`undefined` for an empty one). */
export async function readJson(response: Response, method: string): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestClientError(
      "invalid_response",
      `${method} ${response.url} answered ${response.status} with a body that is not JSON: check the base URL points at an openEHR API.`,
      { method, url: response.url, cause: error },
    );
  }
}

/** `value.uid.value`, `value.ehr_id.value`, …: an RM object id's string. */
export function idValue(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const id = (value as Record<string, unknown>)[key];
  if (typeof id === "string") return id;
  const inner = typeof id === "object" && id !== null ? (id as Record<string, unknown>).value : undefined;
  return typeof inner === "string" ? inner : undefined;
}

/** What a versioned write created: from the ETag, else the Location, else the representation's uid. */
export interface WrittenVersion {
  readonly uid: string;
  readonly objectId: string;
  readonly version: number;
  readonly etag: string | undefined;
  readonly location: string | undefined;
}

export function writtenVersion(response: Response, method: string, body: unknown): WrittenVersion {
  const etag = response.headers.get("etag") ?? undefined;
  const location = parseLocation(response.headers.get("location"), response.url);
  const candidates = [parseEtag(etag)?.value, location?.lastSegment, idValue(body, "uid")];
  for (const candidate of candidates) {
    if (candidate === undefined || !candidate.includes("::")) continue;
    try {
      const { uid, objectId, version } = parseVersionUid(candidate);
      return { uid, objectId, version, etag, location: location?.url };
    } catch {
      // Not a version uid: try the next source.
    }
  }
  throw new RestClientError(
    "invalid_response",
    `${method} ${response.url} answered ${response.status} without naming the new version (no version uid in ETag, Location or the body): the server does not follow the openEHR REST API.`,
    { method, url: response.url },
  );
}
