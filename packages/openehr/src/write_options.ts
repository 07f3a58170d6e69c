/**
 * Who committed a change and why: sent as the `openehr-audit-details` header
 * on a write (the server records it in the version's audit).
 *
 * @example A commit by a named system, with a reason
 * ```ts
 * import type { AuditDetails } from "@cadasto/openehr";
 * const audit: AuditDetails = { committer: "lab-import", description: "Nightly import of lab results" };
 * console.log(audit.committer);
 * ```
 */
export interface AuditDetails {
  /** The committer's name (`committer.name`). */
  readonly committer?: string | undefined;
  /** Why the change was made (`description.value`). */
  readonly description?: string | undefined;
}

/**
 * The lifecycle state of a new version (`openehr-version` header):
 * `complete` (code 532, the server's default), `incomplete` (553) or
 * `deleted` (523).
 *
 * @example Save a draft
 * ```ts
 * import type { LifecycleState } from "@cadasto/openehr";
 * const state: LifecycleState = "incomplete";
 * console.log(state);
 * ```
 */
export type LifecycleState = "complete" | "incomplete" | "deleted";

/**
 * Options every versioned write takes.
 *
 * @example Ask for the stored composition back, with an audit
 * ```ts
 * import type { WriteOptions } from "@cadasto/openehr";
 * const options: WriteOptions = { prefer: "representation", audit: { committer: "ward-app" }, signal: AbortSignal.timeout(10_000) };
 * console.log(options.prefer);
 * ```
 */
export interface WriteOptions {
  /**
   * The `Prefer` header's `return`: `minimal` (default: headers only),
   * `identifier` or `representation` (the stored object comes back in the
   * result). Always sent: servers differ in their default.
   */
  readonly prefer?: "minimal" | "identifier" | "representation" | undefined;
  /** Sent as `openehr-audit-details`. */
  readonly audit?: AuditDetails | undefined;
  /** Sent as `openehr-version` (`lifecycle_state`). */
  readonly lifecycleState?: LifecycleState | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * What a versioned write created: the new version's uid and its parts,
 * from the response's `ETag` (else `Location`, else the returned body).
 *
 * @example Keep the uid for the next update
 * ```ts
 * import type { VersionWriteResult } from "@cadasto/openehr";
 * declare const written: VersionWriteResult;
 * console.log(written.uid, written.objectId, written.version);
 * ```
 */
export interface VersionWriteResult {
  /** The version uid, `{object_id}::{system_id}::{version}`: the `ifMatch` of the next update. */
  readonly uid: string;
  /** The versioned object id (the uid's first part): the same for every version. */
  readonly objectId: string;
  /** The version number (the uid's last part), 1 for a new object. */
  readonly version: number;
  /** The `ETag` header as sent. */
  readonly etag: string | undefined;
  /** The `Location` header, resolved to an absolute URL. */
  readonly location: string | undefined;
}
