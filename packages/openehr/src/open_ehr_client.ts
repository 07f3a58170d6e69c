import { createRestClient, type RestClientOptions } from "@cadasto/rest";
import { openEhrAdvice } from "./_advice.ts";
import type { CompositionsApi, ContributionsApi, EhrsApi, QueryApi } from "./client_apis.ts";
import { commitContribution } from "./commit_contribution.ts";
import { compositionHistory } from "./composition_history.ts";
import { createComposition } from "./create_composition.ts";
import { createEhr } from "./create_ehr.ts";
import { deleteComposition } from "./delete_composition.ts";
import { findEhrBySubject } from "./find_ehr_by_subject.ts";
import { getComposition } from "./get_composition.ts";
import { getContribution } from "./get_contribution.ts";
import { getEhr } from "./get_ehr.ts";
import { getEhrStatus } from "./get_ehr_status.ts";
import { queryAql } from "./query_aql.ts";
import { queryRows } from "./query_rows.ts";
import { queryStored } from "./query_stored.ts";
import { updateComposition } from "./update_composition.ts";
import { updateEhrStatus } from "./update_ehr_status.ts";

/**
 * Options of {@linkcode createOpenEhrClient}: the REST core's options (base
 * URL, `auth`, at most one of `fetch` or `ky`, `retry`, `timeout`, `hooks`).
 *
 * @example A client for a tenant, with a token source and a time limit
 * ```ts
 * import type { TokenSource } from "@cadasto/auth";
 * import { createOpenEhrClient, type OpenEhrClientOptions } from "@cadasto/openehr";
 * declare const auth: TokenSource; // clientCredentials() of @cadasto/auth
 * const options: OpenEhrClientOptions = { baseUrl: "https://acme.api.prod.cadasto.io/openehr/v1", auth, timeout: 30_000 };
 * const client = createOpenEhrClient(options);
 * ```
 */
export type OpenEhrClientOptions = Omit<RestClientOptions, "errors" | "advice">;

/**
 * A client of the openEHR REST API's clinical data endpoints; see
 * {@linkcode createOpenEhrClient}.
 *
 * @example Pass it around by its type
 * ```ts
 * import { createOpenEhrClient, type OpenEhrClient } from "@cadasto/openehr";
 * async function countCompositions(client: OpenEhrClient): Promise<unknown> {
 *   const result = await client.query.aql("SELECT COUNT(c/uid/value) AS n FROM EHR e CONTAINS COMPOSITION c");
 *   return result.records[0]?.n;
 * }
 * console.log(await countCompositions(createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" })));
 * ```
 */
export interface OpenEhrClient {
  /** The validated base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** EHRs and their EHR_STATUS. */
  readonly ehrs: EhrsApi;
  /** Compositions. */
  readonly compositions: CompositionsApi;
  /** Contributions. */
  readonly contributions: ContributionsApi;
  /** AQL queries. */
  readonly query: QueryApi;
}

/**
 * Creates a client of the openEHR REST API for EHRs, compositions,
 * contributions and AQL, on the SDK's REST core (the same base URL rule,
 * bearer with one replay on 401, retries, timeouts and typed errors as the
 * templates client).
 *
 * @param options The base URL, `auth` (a token source from `@cadasto/auth`), and at most one of `fetch` or `ky`.
 * @returns The client.
 * @throws {RestClientError} `invalid_base_url` for a base URL that is not https (http only on loopback hosts), `invalid_option` for a bad option.
 *
 * @example Create an EHR and commit a composition pinned to a template version
 * ```ts
 * import type { TokenSource } from "@cadasto/auth";
 * import { createOpenEhrClient } from "@cadasto/openehr";
 * declare const auth: TokenSource; // clientCredentials() of @cadasto/auth
 * declare const composition: Record<string, unknown>;
 * const client = createOpenEhrClient({ baseUrl: "https://acme.api.prod.cadasto.io/openehr/v1", auth });
 * const { ehrId } = await client.ehrs.create();
 * const { uid } = await client.compositions.create(ehrId, composition, {
 *   templateId: "minimal_evaluation.en.v1::0c05260d-421a-402e-bc65-dc8e3cc529a8",
 * });
 * console.log(ehrId, uid);
 * ```
 */
export function createOpenEhrClient(options: OpenEhrClientOptions): OpenEhrClient {
  const api = createRestClient({ ...options, advice: openEhrAdvice });
  return {
    baseUrl: api.baseUrl,
    ehrs: {
      create: (createOptions) => createEhr(api, createOptions),
      get: (ehrId, getOptions) => getEhr(api, ehrId, getOptions),
      findBySubject: (subject, findOptions) => findEhrBySubject(api, subject, findOptions),
      status: {
        get: (ehrId, getOptions) => getEhrStatus(api, ehrId, getOptions),
        update: (ehrId, status, updateOptions) => updateEhrStatus(api, ehrId, status, updateOptions),
      },
    },
    compositions: {
      create: (ehrId, composition, createOptions) => createComposition(api, ehrId, composition, createOptions),
      get: (ehrId, id, getOptions) => getComposition(api, ehrId, id, getOptions),
      update: (ehrId, objectId, composition, updateOptions) => updateComposition(api, ehrId, objectId, composition, updateOptions),
      delete: (ehrId, uid, deleteOptions) => deleteComposition(api, ehrId, uid, deleteOptions),
      history: (ehrId, objectId, historyOptions) => compositionHistory(api, ehrId, objectId, historyOptions),
    },
    contributions: {
      commit: (ehrId, change) => commitContribution(api, ehrId, change),
      get: (ehrId, uid, getOptions) => getContribution(api, ehrId, uid, getOptions),
    },
    query: {
      aql: (query, aqlOptions) => queryAql(api, query, aqlOptions),
      stored: (name, storedOptions) => queryStored(api, name, storedOptions),
      rows: (query, rowsOptions) => queryRows(api, query, rowsOptions),
    },
  };
}
