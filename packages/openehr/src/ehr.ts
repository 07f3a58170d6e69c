/**
 * Who an EHR is about: an id in a namespace (`subject.external_ref` of the
 * EHR_STATUS), e.g. a national patient number.
 *
 * @example A patient by hospital number
 * ```ts
 * import type { EhrSubject } from "@cadasto/openehr";
 * const subject: EhrSubject = { id: "1234567", namespace: "hospital.example.patients" };
 * console.log(subject.namespace);
 * ```
 */
export interface EhrSubject {
  /** The subject's id in the namespace. */
  readonly id: string;
  /** The namespace the id belongs to. */
  readonly namespace: string;
}

/**
 * An EHR_STATUS, as canonical JSON (`_type: "EHR_STATUS"`, `subject`,
 * `is_queryable`, `is_modifiable`, …).
 *
 * @example Read whether an EHR is queryable
 * ```ts
 * import type { EhrStatus } from "@cadasto/openehr";
 * declare const status: EhrStatus;
 * console.log(status.is_queryable);
 * ```
 */
export type EhrStatus = Record<string, unknown>;

/**
 * An EHR as {@linkcode EhrsApi.create} and {@linkcode EhrsApi.get} return it.
 *
 * @example Use the id for a commit
 * ```ts
 * import type { Ehr } from "@cadasto/openehr";
 * declare const ehr: Ehr;
 * console.log(ehr.ehrId, ehr.timeCreated);
 * ```
 */
export interface Ehr {
  /** The EHR id (a UUID). */
  readonly ehrId: string;
  /** The id of the system that holds it, when the server says. */
  readonly systemId: string | undefined;
  /** When it was created (ISO 8601), when the server says. */
  readonly timeCreated: string | undefined;
  /** The EHR_STATUS's version uid, when the server says. */
  readonly statusUid: string | undefined;
  /** The `Location` of the EHR, for a create. */
  readonly location: string | undefined;
  /** The EHR as the server sent it (canonical JSON). */
  readonly body: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Options of {@linkcode EhrsApi.create}.
 *
 * @example An EHR for a subject, with the caller's own id
 * ```ts
 * import type { CreateEhrOptions } from "@cadasto/openehr";
 * const options: CreateEhrOptions = {
 *   ehrId: "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d",
 *   subject: { id: "1234567", namespace: "hospital.example.patients" },
 * };
 * console.log(options.ehrId);
 * ```
 */
export interface CreateEhrOptions {
  /** The id to create the EHR with (`PUT /ehr/{ehr_id}`); default: the server picks one (`POST /ehr`). */
  readonly ehrId?: string | undefined;
  /** The subject: sent as the initial EHR_STATUS's `subject.external_ref`. */
  readonly subject?: EhrSubject | undefined;
  /** A whole initial EHR_STATUS (canonical JSON); not together with `subject`. */
  readonly status?: EhrStatus | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The EHR_STATUS of an EHR and its version.
 *
 * @example Make an EHR unqueryable
 * ```ts
 * import { createOpenEhrClient, type EhrStatusVersion } from "@cadasto/openehr";
 * const client = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * declare const ehrId: string;
 * const current: EhrStatusVersion = await client.ehrs.status.get(ehrId);
 * await client.ehrs.status.update(ehrId, { ...current.status, is_queryable: false }, { ifMatch: current.uid });
 * ```
 */
export interface EhrStatusVersion {
  /** The EHR_STATUS (canonical JSON). */
  readonly status: EhrStatus;
  /** Its version uid: the `ifMatch` of an update. */
  readonly uid: string;
  /** The `ETag` header as sent. */
  readonly etag: string | undefined;
}
