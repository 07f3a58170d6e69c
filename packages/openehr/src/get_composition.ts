import { ApiError, parseEtag, RestClientError } from "@cadasto/rest";
import { checkFormat, MEDIA_TYPES } from "./_composition_body.ts";
import type { RestClient } from "@cadasto/rest";
import { checkCompositionId, checkEhrId, checkObjectId, parseVersionUid } from "./_ids.ts";
import { invalid } from "./_invalid.ts";
import { idValue, readJson } from "./_response.ts";
import type { Composition, CompositionFormat } from "./composition_format.ts";

/**
 * Options of {@linkcode CompositionsApi.get}.
 *
 * @example The version that was current on New Year's Day
 * ```ts
 * import type { GetCompositionOptions } from "@cadasto/openehr";
 * const options: GetCompositionOptions = { versionAtTime: new Date("2026-01-01T00:00:00Z") };
 * console.log(options.versionAtTime);
 * ```
 */
export interface GetCompositionOptions {
  /** `canonical` (default), `flat` or `structured`: the `Accept` media type. */
  readonly format?: CompositionFormat | undefined;
  /**
   * The version current at this time (`GET …/versioned_composition/{id}/version?version_at_time=`);
   * `id` must then be the versioned object id. Canonical JSON only.
   */
  readonly versionAtTime?: Date | string | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A composition read back, with its version uid (the `ifMatch` of an update).
 *
 * @example Read, change, write back
 * ```ts
 * import { createOpenEhrClient, type CompositionVersion } from "@cadasto/openehr";
 * const client = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * declare const ehrId: string;
 * declare const objectId: string;
 * const current: CompositionVersion = await client.compositions.get(ehrId, objectId);
 * await client.compositions.update(ehrId, objectId, { ...current.composition }, { ifMatch: current.uid });
 * ```
 */
export interface CompositionVersion {
  /** The composition, in the requested format. */
  readonly composition: Composition;
  /** Its version uid, `{object_id}::{system_id}::{version}`. */
  readonly uid: string;
  /** The versioned object id (the uid's first part). */
  readonly objectId: string;
  /** The version number. */
  readonly version: number;
  /** The `ETag` header as sent. */
  readonly etag: string | undefined;
}

/** `compositions.get()`: by versioned object id (latest), by version uid, or at a time. */
export async function getComposition(
  api: RestClient,
  ehrId: string,
  id: string,
  options: GetCompositionOptions = {},
): Promise<CompositionVersion> {
  const ehr = checkEhrId(ehrId);
  const format = checkFormat(options.format);
  let response: Response;
  if (options.versionAtTime === undefined) {
    response = await api.request("GET", ["ehr", ehr, "composition", checkCompositionId(id)], {
      headers: { accept: MEDIA_TYPES[format] },
      signal: options.signal,
    });
  } else {
    if (format !== "canonical") throw invalid("options.format", "options.versionAtTime reads canonical JSON only: drop options.format.");
    const at = atTime(options.versionAtTime);
    response = await api.request("GET", ["ehr", ehr, "versioned_composition", checkObjectId(id, "id"), "version"], {
      query: { version_at_time: at },
      headers: { accept: "application/json" },
      signal: options.signal,
    });
  }
  if (response.status === 204) {
    // The openEHR REST API answers 204 for a composition whose latest version is a deletion.
    throw new ApiError(
      `GET ${response.url} answered 204 No Content: the composition was deleted. Read an earlier version by its version uid, or list them with compositions.history().`,
      { status: 204, method: "GET", url: response.url },
    );
  }
  const body = await readJson(response, "GET");
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new RestClientError("invalid_response", `GET ${response.url} answered without a composition.`, {
      method: "GET",
      url: response.url,
    });
  }
  // versioned_composition/…/version answers an ORIGINAL_VERSION: the composition is its `data`.
  const record = body as Record<string, unknown>;
  const isVersion = record._type === "ORIGINAL_VERSION" || (options.versionAtTime !== undefined && "data" in record);
  const composition = (isVersion ? record.data : record) as Composition;
  const etag = response.headers.get("etag") ?? undefined;
  const uidText = idValue(record, "uid") ?? parseEtag(etag)?.value ?? (id.includes("::") ? id : undefined);
  const { uid, objectId, version } = parseVersionUid(uidText, "the answer's version uid");
  return { composition, uid, objectId, version, etag };
}

function atTime(value: Date | string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return value;
  throw invalid(
    "options.versionAtTime",
    `options.versionAtTime ${JSON.stringify(value)} is not a time: pass a Date or an ISO 8601 string.`,
  );
}
