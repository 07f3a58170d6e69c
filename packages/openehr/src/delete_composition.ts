import { ifMatch, parseEtag, parseLocation } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId, parseVersionUid } from "./_ids.ts";
import { CHANGE_TYPE, writeHeaders } from "./_write_headers.ts";
import type { WriteOptions } from "./write_options.ts";

/**
 * What {@linkcode CompositionsApi.delete} did: the deleted version, and the
 * deletion's own version uid when the server names it.
 *
 * @example Log the deletion
 * ```ts
 * import type { DeleteCompositionResult } from "@cadasto/openehr";
 * declare const result: DeleteCompositionResult;
 * console.log(`deleted ${result.deleted}`, result.uid ?? "");
 * ```
 */
export interface DeleteCompositionResult {
  /** The version uid that was deleted (the one passed in). */
  readonly deleted: string;
  /** The version uid of the deletion, from `ETag`, when sent. */
  readonly uid: string | undefined;
  /** The `Location` header, when sent. */
  readonly location: string | undefined;
}

/** `compositions.delete()`: `DELETE /ehr/{ehr_id}/composition/{preceding_version_uid}`. */
export async function deleteComposition(
  api: RestClient,
  ehrId: string,
  precedingVersionUid: string,
  options: Omit<WriteOptions, "prefer" | "lifecycleState"> = {},
): Promise<DeleteCompositionResult> {
  const id = checkEhrId(ehrId);
  const preceding = parseVersionUid(precedingVersionUid, "precedingVersionUid");
  const headers = { ...writeHeaders({ ...options, prefer: "minimal" }, CHANGE_TYPE.deleted), "if-match": ifMatch(preceding.uid) };
  const response = await api.request("DELETE", ["ehr", id, "composition", preceding.uid], { headers, signal: options.signal });
  await response.body?.cancel();
  return {
    deleted: preceding.uid,
    uid: parseEtag(response.headers.get("etag"))?.value,
    location: parseLocation(response.headers.get("location"), response.url)?.url,
  };
}
