import { RestClientError } from "@cadasto/rest";
import { toAqlRequest } from "./_aql_request.ts";
import { type AqlResultBody, aqlResultProblem, toAqlResult } from "./_aql_response.ts";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId } from "./_ids.ts";
import { invalid } from "./_invalid.ts";
import { readJson } from "./_response.ts";
import type { AqlInput } from "./aql_query.ts";
import type { AqlResult } from "./aql_result.ts";

/**
 * Options of {@linkcode QueryApi.aql} and {@linkcode QueryApi.stored}.
 *
 * @example The second page of 100 rows, for one EHR
 * ```ts
 * import type { AqlOptions } from "@cadasto/openehr";
 * const options: AqlOptions = { offset: 100, fetch: 100, ehrId: "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d" };
 * console.log(options.fetch);
 * ```
 */
export interface AqlOptions {
  /** Rows to skip (`offset`). */
  readonly offset?: number | undefined;
  /** The most rows to return (`fetch`). */
  readonly fetch?: number | undefined;
  /** The EHR a single-EHR query runs in (`ehr_id`): lets the server route it. */
  readonly ehrId?: string | undefined;
  /**
   * `POST` (default: the query and parameters in a JSON body) or `GET` (in
   * the URL, e.g. for caches; parameters become URL query parameters).
   */
  readonly method?: "GET" | "POST" | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/** offset/fetch, checked: whole numbers, fetch at least 1. */
export function paging(options: AqlOptions): { offset?: number; fetch?: number } {
  const out: { offset?: number; fetch?: number } = {};
  for (const [key, min] of [
    ["offset", 0],
    ["fetch", 1],
  ] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < min)
      throw invalid(`options.${key}`, `options.${key} must be a whole number of at least ${min}, got ${value}.`);
    out[key] = value;
  }
  return out;
}

/** Sends a query (ad hoc or stored); resolves with the checked AQL result body. */
export async function runQuery(
  api: RestClient,
  segments: readonly string[],
  body: { q?: string; query_parameters?: Record<string, unknown> | undefined },
  options: AqlOptions,
): Promise<AqlResultBody> {
  const method = options.method ?? "POST";
  if (method !== "GET" && method !== "POST")
    throw invalid("options.method", `options.method must be "GET" or "POST", got ${JSON.stringify(method)}.`);
  const page = paging(options);
  const ehrId = options.ehrId === undefined ? undefined : checkEhrId(options.ehrId, "options.ehrId");
  const common = { ...page, ...(ehrId === undefined ? {} : { ehr_id: ehrId }) };
  let response: Response;
  if (method === "POST") {
    const json = {
      ...(body.q === undefined ? {} : { q: body.q }),
      ...common,
      ...(body.query_parameters === undefined ? {} : { query_parameters: body.query_parameters }),
    };
    response = await api.request("POST", segments, { json, headers: { accept: "application/json" }, signal: options.signal });
  } else {
    const query = new URLSearchParams();
    if (body.q !== undefined) query.set("q", body.q);
    for (const [key, value] of Object.entries(common)) query.set(key, String(value));
    for (const [name, value] of Object.entries(body.query_parameters ?? {})) {
      if (query.has(name))
        throw invalid(
          `params.${name}`,
          `With method GET, parameter $${name} collides with the URL's own "${name}": rename it or use POST.`,
        );
      query.set(name, typeof value === "string" ? value : JSON.stringify(value));
    }
    response = await api.request("GET", segments, { query, headers: { accept: "application/json" }, signal: options.signal });
  }
  const result = await readJson(response, method);
  const problem = aqlResultProblem(result);
  if (problem !== undefined) {
    throw new RestClientError("invalid_response", `${method} ${response.url} answered with no AQL result (${problem}).`, {
      method,
      url: response.url,
    });
  }
  return result as AqlResultBody;
}

/** `query.aql()`: `POST /query/aql` (or `GET`). */
export async function queryAql<Row>(api: RestClient, query: AqlInput<Row>, options: AqlOptions = {}): Promise<AqlResult<Row>> {
  const { q, query_parameters } = toAqlRequest(query);
  return toAqlResult<Row>(await runQuery(api, ["query", "aql"], { q, query_parameters }, options), q);
}
