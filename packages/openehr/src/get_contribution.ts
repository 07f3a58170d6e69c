import { parseEtag, RestClientError } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { checkContributionUid, checkEhrId } from "./_ids.ts";
import { idValue, readJson } from "./_response.ts";

/**
 * A contribution: the change set one commit made, and the version uids it created.
 *
 * @example Read the uids of what was committed together
 * ```ts
 * import type { Contribution } from "@cadasto/openehr";
 * declare const contribution: Contribution;
 * console.log(contribution.uid, contribution.versions.join(", "));
 * ```
 */
export interface Contribution {
  /** The contribution's uid. */
  readonly uid: string;
  /** The version uids it created, in order. */
  readonly versions: readonly string[];
  /** The `Location` header, when sent. */
  readonly location: string | undefined;
  /** The CONTRIBUTION as sent (canonical JSON), when sent. */
  readonly body: Readonly<Record<string, unknown>> | undefined;
}

/** Reads a CONTRIBUTION answer. */
export function toContribution(body: unknown, response: Response, fallbackUid: string | undefined): Contribution {
  const record = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const uid = idValue(record, "uid") ?? parseEtag(response.headers.get("etag"))?.value ?? fallbackUid;
  if (uid === undefined) {
    throw new RestClientError("invalid_response", `${response.url} answered without a contribution uid.`, { url: response.url });
  }
  const refs = Array.isArray(record?.versions) ? record.versions : [];
  const versions = refs.map((ref: unknown) => idValue(ref, "id") ?? idValue(ref, "uid")).filter((v): v is string => v !== undefined);
  const location = response.headers.get("location") ?? undefined;
  return { uid, versions, location: location === undefined ? undefined : new URL(location, response.url).href, body: record };
}

/** `contributions.get()`: `GET /ehr/{ehr_id}/contribution/{uid}`. */
export async function getContribution(
  api: RestClient,
  ehrId: string,
  uid: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Contribution> {
  const segments = ["ehr", checkEhrId(ehrId), "contribution", checkContributionUid(uid)];
  const response = await api.request("GET", segments, { headers: { accept: "application/json" }, signal: options.signal });
  return toContribution(await readJson(response, "GET"), response, uid);
}
