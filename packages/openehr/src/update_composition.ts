import { ifMatch } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId, checkObjectId, parseVersionUid } from "./_ids.ts";
import { invalid } from "./_invalid.ts";
import type { Composition } from "./composition_format.ts";
import { type CompositionWriteResult, type CreateCompositionOptions, writeComposition } from "./create_composition.ts";

/**
 * Options of {@linkcode CompositionsApi.update}: the version being replaced,
 * and what a create takes.
 *
 * @example Replace the version read a moment ago
 * ```ts
 * import type { UpdateCompositionOptions } from "@cadasto/openehr";
 * declare const uid: string;
 * const options: UpdateCompositionOptions = { ifMatch: uid, audit: { description: "corrected the dose" } };
 * console.log(options.ifMatch);
 * ```
 */
export interface UpdateCompositionOptions extends CreateCompositionOptions {
  /**
   * The version uid being replaced, `{object_id}::{system_id}::{version}`
   * (from the last read or write): sent as `If-Match`. When someone else
   * wrote a newer version meanwhile, the server answers 412 and the call
   * throws a `PreconditionFailedError`: read again and retry.
   */
  readonly ifMatch: string;
}

/** `compositions.update()`: `PUT /ehr/{ehr_id}/composition/{object_id}` with `If-Match`. */
export async function updateComposition(
  api: RestClient,
  ehrId: string,
  objectId: string,
  composition: Composition,
  options: UpdateCompositionOptions,
): Promise<CompositionWriteResult> {
  const id = checkEhrId(ehrId);
  const object = checkObjectId(objectId);
  const preceding = parseVersionUid(options?.ifMatch, "options.ifMatch");
  if (preceding.objectId.toLowerCase() !== object.toLowerCase()) {
    throw invalid(
      "options.ifMatch",
      `options.ifMatch ${preceding.uid} is a version of ${preceding.objectId}, not of ${object}: pass the uid of the composition being updated.`,
    );
  }
  return writeComposition(api, "PUT", ["ehr", id, "composition", object], composition, options, { "if-match": ifMatch(preceding.uid) });
}
