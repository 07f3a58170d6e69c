import { toAqlRequest } from "./_aql_request.ts";
import { toAqlResult } from "./_aql_response.ts";
import type { RestClient } from "@cadasto/rest";
import { invalid } from "./_invalid.ts";
import type { AqlParameterValue } from "./aql_query.ts";
import type { AqlResult } from "./aql_result.ts";
import { type AqlOptions, runQuery } from "./query_aql.ts";

/**
 * Options of {@linkcode QueryApi.stored}: a version, parameters, and what an ad-hoc query takes.
 *
 * @example Version 1.0.0 of a stored query, with a parameter
 * ```ts
 * import type { StoredQueryOptions } from "@cadasto/openehr";
 * const options: StoredQueryOptions = { version: "1.0.0", params: { ehrId: "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d" } };
 * console.log(options.version);
 * ```
 */
export interface StoredQueryOptions extends AqlOptions {
  /** The query's version (`1.0.0`, or a prefix such as `1`); default the latest. */
  readonly version?: string | undefined;
  /** The values of the stored query's `$name` parameters. */
  readonly params?: Readonly<Record<string, AqlParameterValue>> | undefined;
}

const QUALIFIED_NAME = /^[A-Za-z0-9][\w.-]*::[\w.-]+$|^[A-Za-z0-9][\w.-]*$/;

/** `query.stored()`: `POST /query/{qualified_query_name}[/{version}]` (or `GET`). */
export async function queryStored<Row>(api: RestClient, name: string, options: StoredQueryOptions = {}): Promise<AqlResult<Row>> {
  if (typeof name !== "string" || !QUALIFIED_NAME.test(name)) {
    throw invalid(
      "name",
      `Stored query name ${JSON.stringify(name)} is not a qualified name: pass {namespace}::{name}, e.g. org.example::blood_pressure.`,
    );
  }
  const version = options.version;
  if (version !== undefined && (typeof version !== "string" || !/^\d+(\.\d+){0,2}$/.test(version))) {
    throw invalid("options.version", `options.version ${JSON.stringify(version)} is not a version: pass 1, 1.0 or 1.0.0.`);
  }
  // The parameters get the same checks as an ad-hoc query's (the text is the server's).
  const { query_parameters } = toAqlRequest({ q: name, params: options.params });
  const segments = version === undefined ? ["query", name] : ["query", name, version];
  return toAqlResult<Row>(await runQuery(api, segments, { query_parameters }, options), name);
}
