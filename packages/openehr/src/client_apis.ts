import type { AqlInput } from "./aql_query.ts";
import type { AqlResult } from "./aql_result.ts";
import type { CommitContribution } from "./commit_contribution.ts";
import type { RevisionHistoryItem } from "./composition_history.ts";
import type { Composition } from "./composition_format.ts";
import type { CompositionWriteResult, CreateCompositionOptions } from "./create_composition.ts";
import type { DeleteCompositionResult } from "./delete_composition.ts";
import type { CreateEhrOptions, Ehr, EhrStatus, EhrStatusVersion, EhrSubject } from "./ehr.ts";
import type { CompositionVersion, GetCompositionOptions } from "./get_composition.ts";
import type { Contribution } from "./get_contribution.ts";
import type { AqlOptions } from "./query_aql.ts";
import type { RowsOptions } from "./query_rows.ts";
import type { StoredQueryOptions } from "./query_stored.ts";
import type { UpdateCompositionOptions } from "./update_composition.ts";
import type { EhrStatusWriteResult, UpdateEhrStatusOptions } from "./update_ehr_status.ts";
import type { AuditDetails } from "./write_options.ts";

/** A cancel signal only. */
/** Options of a read: a signal that aborts it. */
export interface SignalOptions {
  /** Aborts the request; the call rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * EHRs: create, read, find by subject, and the versioned EHR_STATUS.
 *
 * @example Find a patient's EHR or create it
 * ```ts
 * import { createOpenEhrClient } from "@cadasto/openehr";
 * const { ehrs } = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const subject = { id: "1234567", namespace: "hospital.example.patients" };
 * const ehr = (await ehrs.findBySubject(subject)) ?? (await ehrs.create({ subject }));
 * console.log(ehr.ehrId);
 * ```
 */
export interface EhrsApi {
  /**
   * Creates an EHR (`POST /ehr`, or `PUT /ehr/{ehr_id}` with `options.ehrId`).
   *
   * @param options The subject or a whole initial EHR_STATUS, the caller's own id, a signal.
   * @returns The new EHR.
   * @throws {ConflictError} 409: the subject (or the id) already has an EHR.
   * @throws {RestClientError} `invalid_option` for a malformed id or subject, before any request.
   */
  create(options?: CreateEhrOptions): Promise<Ehr>;
  /**
   * Reads an EHR (`GET /ehr/{ehr_id}`).
   *
   * @param ehrId The EHR id (a UUID, checked before the request).
   * @param options A signal.
   * @returns The EHR.
   * @throws {ApiError} `not_found` for an unknown id.
   */
  get(ehrId: string, options?: SignalOptions): Promise<Ehr>;
  /**
   * Finds the EHR of a subject (`GET /ehr?subject_id=…&subject_namespace=…`).
   *
   * @param subject The subject's id and namespace.
   * @param options A signal.
   * @returns The EHR, or `undefined` when the subject has none.
   */
  findBySubject(subject: EhrSubject, options?: SignalOptions): Promise<Ehr | undefined>;
  /** The EHR_STATUS: `get(ehrId)` and `update(ehrId, status, { ifMatch })`. */
  readonly status: {
    /**
     * Reads the EHR_STATUS and its version uid.
     *
     * @param ehrId The EHR id.
     * @param options A signal.
     * @returns The status and its uid.
     */
    get(ehrId: string, options?: SignalOptions): Promise<EhrStatusVersion>;
    /**
     * Replaces the EHR_STATUS (`PUT …/ehr_status` with `If-Match`).
     *
     * @param ehrId The EHR id.
     * @param status The new EHR_STATUS (canonical JSON).
     * @param options `ifMatch` (the version read), `prefer`, `audit`, a signal.
     * @returns The new version.
     * @throws {PreconditionFailedError} 412: `ifMatch` is not the current version.
     */
    update(ehrId: string, status: EhrStatus, options: UpdateEhrStatusOptions): Promise<EhrStatusWriteResult>;
  };
}

/**
 * Compositions: create, read (latest, one version, or at a time), update
 * with `If-Match`, delete, and the revision history.
 *
 * @example Commit against one template version, read it back
 * ```ts
 * import { createOpenEhrClient } from "@cadasto/openehr";
 * const { compositions } = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * declare const ehrId: string;
 * declare const composition: Record<string, unknown>;
 * const { uid } = await compositions.create(ehrId, composition, { templateId: "minimal_evaluation.en.v1::0c05260d-421a-402e-bc65-dc8e3cc529a8" });
 * const back = await compositions.get(ehrId, uid);
 * console.log(back.uid === uid);
 * ```
 */
export interface CompositionsApi {
  /**
   * Commits a new composition (`POST /ehr/{ehr_id}/composition`).
   *
   * @param ehrId The EHR id.
   * @param composition Canonical JSON (default), or FLAT / STRUCTURED with `options.format`.
   * @param options `templateId` (plain or `{template_id}::{uid}`), `format`, `prefer`, `audit`, `lifecycleState`, a signal.
   * @returns The new version's uid, object id, version, ETag and Location.
   * @throws {ApiError} `unprocessable_entity` when the server does not know the template or version (its message names it), `bad_request` for an invalid composition.
   * @throws {RestClientError} `invalid_option` for a malformed id, template id or composition, before any request.
   */
  create(ehrId: string, composition: Composition, options?: CreateCompositionOptions): Promise<CompositionWriteResult>;
  /**
   * Reads a composition: the latest version by versioned object id, one
   * version by version uid, or the version at `options.versionAtTime`.
   *
   * @param ehrId The EHR id.
   * @param id A versioned object id or a version uid `{object_id}::{system_id}::{version}`.
   * @param options `format`, `versionAtTime`, a signal.
   * @returns The composition and its version uid.
   * @throws {ApiError} `not_found` for an unknown or deleted composition (some servers answer a deleted one with 204: `unexpected_status`, status 204).
   */
  get(ehrId: string, id: string, options?: GetCompositionOptions): Promise<CompositionVersion>;
  /**
   * Commits a new version of a composition (`PUT …/composition/{object_id}` with `If-Match`).
   *
   * @param ehrId The EHR id.
   * @param objectId The versioned object id.
   * @param composition The new content.
   * @param options `ifMatch` (the version being replaced), and what `create` takes.
   * @returns The new version.
   * @throws {PreconditionFailedError} 412: someone committed a newer version; read it again and retry.
   */
  update(ehrId: string, objectId: string, composition: Composition, options: UpdateCompositionOptions): Promise<CompositionWriteResult>;
  /**
   * Deletes a composition (`DELETE …/composition/{preceding_version_uid}`).
   *
   * @param ehrId The EHR id.
   * @param precedingVersionUid The latest version's uid.
   * @param options `audit`, a signal.
   * @returns The deleted uid and the deletion's version uid.
   * @throws {PreconditionFailedError} 412: the uid is not the latest version.
   */
  delete(
    ehrId: string,
    precedingVersionUid: string,
    options?: { readonly audit?: AuditDetails | undefined; readonly signal?: AbortSignal | undefined },
  ): Promise<DeleteCompositionResult>;
  /**
   * The revision history (`GET …/versioned_composition/{object_id}/revision_history`).
   *
   * @param ehrId The EHR id.
   * @param objectId The versioned object id.
   * @param options A signal.
   * @returns Every version with its audit, oldest first as the server sends them.
   */
  history(ehrId: string, objectId: string, options?: SignalOptions): Promise<RevisionHistoryItem[]>;
}

/**
 * Contributions: several versions committed in one atomic change.
 *
 * @example Two compositions, all or nothing
 * ```ts
 * import { createOpenEhrClient } from "@cadasto/openehr";
 * const { contributions } = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * declare const ehrId: string;
 * declare const a: Record<string, unknown>;
 * declare const b: Record<string, unknown>;
 * const { uid, versions } = await contributions.commit(ehrId, { versions: [{ composition: a }, { composition: b }], audit: { committer: "lab-import" } });
 * console.log(uid, versions);
 * ```
 */
export interface ContributionsApi {
  /**
   * Commits versions together (`POST /ehr/{ehr_id}/contribution`).
   *
   * @param ehrId The EHR id.
   * @param change The versions and the audit (`committer` required).
   * @returns The contribution's uid and the version uids it created.
   * @throws {ApiError} When any version is refused: none is stored.
   */
  commit(ehrId: string, change: CommitContribution): Promise<Contribution>;
  /**
   * Reads a contribution (`GET /ehr/{ehr_id}/contribution/{uid}`).
   *
   * @param ehrId The EHR id.
   * @param uid The contribution uid.
   * @param options A signal.
   * @returns The contribution.
   */
  get(ehrId: string, uid: string, options?: SignalOptions): Promise<Contribution>;
}

/**
 * AQL: ad-hoc and stored queries, and a row iterator that pages.
 *
 * @example Typed rows, one page at a time
 * ```ts
 * import { aql, createOpenEhrClient } from "@cadasto/openehr";
 * const { query } = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * for await (const row of query.rows(aql<{ uid: string }>`SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c`, { pageSize: 500 })) {
 *   console.log(row.uid);
 * }
 * ```
 */
export interface QueryApi {
  /**
   * Runs an ad-hoc query (`POST /query/aql`, or `GET` with `options.method`).
   *
   * @param query The text, {@linkcode aql}`…`, or `{ q, params }`.
   * @param options `offset`, `fetch`, `ehrId`, `method`, a signal.
   * @returns The columns, raw rows and rows as records.
   * @throws {ApiError} `bad_request` for a query the server cannot run (its message says which part).
   * @throws {RestClientError} `invalid_option` for an empty query or an unusable parameter, before any request.
   */
  aql<Row = Record<string, unknown>>(query: AqlInput<Row>, options?: AqlOptions): Promise<AqlResult<Row>>;
  /**
   * Runs a stored query (`POST /query/{qualified_query_name}[/{version}]`).
   *
   * @param name The qualified name, `{namespace}::{name}`.
   * @param options `version`, `params`, `offset`, `fetch`, `ehrId`, `method`, a signal.
   * @returns The result.
   * @throws {ApiError} `not_found` for an unknown query or version.
   */
  stored<Row = Record<string, unknown>>(name: string, options?: StoredQueryOptions): Promise<AqlResult<Row>>;
  /**
   * Yields every row of a result as a record, fetching `pageSize` rows per
   * request (`offset`/`fetch`), so a large result never sits in memory whole.
   * For a stable order across pages, give the query an `ORDER BY`.
   *
   * @param query The text, {@linkcode aql}`…`, or `{ q, params }` (without its own `LIMIT`/`OFFSET`).
   * @param options `pageSize` (default 1,000), `offset`, `ehrId`, `method`, a signal.
   * @returns An async iterator of records.
   * @throws {ApiError} As `aql`, when a page fails.
   */
  rows<Row = Record<string, unknown>>(query: AqlInput<Row>, options?: RowsOptions): AsyncGenerator<Row, void, undefined>;
}
