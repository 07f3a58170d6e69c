/**
 * openEHR clinical data on Cadasto: EHRs, compositions pinned to a template
 * version, contributions and AQL with typed rows, safe parameters and paging,
 * on the SDK's REST core (one replay on 401, retries, timeouts, typed errors).
 *
 * @example Create an EHR, commit against a template version, query it back
 * ```ts
 * import type { TokenSource } from "@cadasto/auth";
 * import { aql, createOpenEhrClient } from "@cadasto/openehr";
 * declare const auth: TokenSource; // clientCredentials() of @cadasto/auth
 * declare const composition: Record<string, unknown>;
 * const client = createOpenEhrClient({ baseUrl: "https://acme.api.prod.cadasto.io/openehr/v1", auth });
 * const { ehrId } = await client.ehrs.create();
 * await client.compositions.create(ehrId, composition, { templateId: "minimal_evaluation.en.v1::0c05260d-421a-402e-bc65-dc8e3cc529a8" });
 * const result = await client.query.aql<{ uid: string; template: string }>(
 *   aql`SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId}`,
 * );
 * for (const { uid, template } of result.records) console.log(uid, template);
 * ```
 *
 * @module
 */

export { aql } from "./aql.ts";
export type { AqlInput, AqlParameterValue, AqlQuery } from "./aql_query.ts";
export type { AqlColumn, AqlResult } from "./aql_result.ts";
export type { CommitContribution, ContributionVersion } from "./commit_contribution.ts";
export type { RevisionHistoryItem } from "./composition_history.ts";
export type { Composition, CompositionFormat } from "./composition_format.ts";
export type { CompositionWriteResult, CreateCompositionOptions } from "./create_composition.ts";
export type { DeleteCompositionResult } from "./delete_composition.ts";
export type { CreateEhrOptions, Ehr, EhrStatus, EhrStatusVersion, EhrSubject } from "./ehr.ts";
export type { CompositionVersion, GetCompositionOptions } from "./get_composition.ts";
export type { Contribution } from "./get_contribution.ts";
export type { CompositionsApi, ContributionsApi, EhrsApi, QueryApi, SignalOptions } from "./client_apis.ts";
export { createOpenEhrClient, type OpenEhrClient, type OpenEhrClientOptions } from "./open_ehr_client.ts";
export type { AqlOptions } from "./query_aql.ts";
export type { RowsOptions } from "./query_rows.ts";
export type { StoredQueryOptions } from "./query_stored.ts";
export type { UpdateCompositionOptions } from "./update_composition.ts";
export type { EhrStatusWriteResult, UpdateEhrStatusOptions } from "./update_ehr_status.ts";
export type { AuditDetails, LifecycleState, VersionWriteResult, WriteOptions } from "./write_options.ts";
export {
  ApiError,
  type ApiErrorCode,
  ConflictError,
  isApiError,
  isConflictError,
  isPreconditionFailedError,
  isRestClientError,
  PreconditionFailedError,
  RestClientError,
  type RestClientErrorCode,
} from "@cadasto/rest";
