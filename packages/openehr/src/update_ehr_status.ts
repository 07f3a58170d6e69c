import { ifMatch } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId, parseVersionUid } from "./_ids.ts";
import { invalid } from "./_invalid.ts";
import { readJson, writtenVersion } from "./_response.ts";
import { CHANGE_TYPE, writeHeaders } from "./_write_headers.ts";
import type { EhrStatus } from "./ehr.ts";
import type { VersionWriteResult, WriteOptions } from "./write_options.ts";

/**
 * Options of {@linkcode EhrsApi.status}`.update()`: the version being replaced, and the write options.
 *
 * @example Replace the status read a moment ago
 * ```ts
 * import type { UpdateEhrStatusOptions } from "@cadasto/openehr";
 * declare const uid: string;
 * const options: UpdateEhrStatusOptions = { ifMatch: uid, audit: { committer: "admin", description: "opt-out" } };
 * console.log(options.ifMatch);
 * ```
 */
export interface UpdateEhrStatusOptions extends WriteOptions {
  /** The version uid being replaced (from `status.get()`): sent as `If-Match`; a stale one is a 412. */
  readonly ifMatch: string;
}

/**
 * What `ehrs.status.update()` wrote.
 *
 * @example Read the new version
 * ```ts
 * import type { EhrStatusWriteResult } from "@cadasto/openehr";
 * declare const written: EhrStatusWriteResult;
 * console.log(written.uid, written.status?.is_queryable);
 * ```
 */
export interface EhrStatusWriteResult extends VersionWriteResult {
  /** The stored EHR_STATUS, with `prefer: "representation"`. */
  readonly status: EhrStatus | undefined;
}

/** `ehrs.status.update()`: `PUT /ehr/{ehr_id}/ehr_status` with `If-Match`. */
export async function updateEhrStatus(
  api: RestClient,
  ehrId: string,
  status: EhrStatus,
  options: UpdateEhrStatusOptions,
): Promise<EhrStatusWriteResult> {
  const id = checkEhrId(ehrId);
  if (typeof status !== "object" || status === null || Array.isArray(status)) {
    throw invalid("status", "status must be an EHR_STATUS object (canonical JSON).");
  }
  const preceding = parseVersionUid(options?.ifMatch, "options.ifMatch");
  const response = await api.request("PUT", ["ehr", id, "ehr_status"], {
    headers: { ...writeHeaders(options, CHANGE_TYPE.modification), "if-match": ifMatch(preceding.uid), accept: "application/json" },
    json: status,
    signal: options.signal,
  });
  const body = await readJson(response, "PUT");
  return { ...writtenVersion(response, "PUT", body), status: typeof body === "object" && body !== null ? (body as EhrStatus) : undefined };
}
