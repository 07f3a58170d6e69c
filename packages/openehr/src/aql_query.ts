/**
 * A value an AQL parameter can carry: sent in `query_parameters` as JSON,
 * never written into the query text. A `Date` is sent as its ISO 8601 string.
 *
 * @example Parameters of several kinds
 * ```ts
 * import type { AqlParameterValue } from "@cadasto/openehr";
 * const values: AqlParameterValue[] = ["7d9c…", 120, true, new Date("2026-01-01T00:00:00Z"), ["a", "b"]];
 * console.log(values.length);
 * ```
 */
export type AqlParameterValue = string | number | boolean | Date | readonly (string | number | boolean)[];

/**
 * An AQL query with its parameters: what {@linkcode aql} builds, and what the
 * query calls accept besides a plain string. `Row` is the shape of one result
 * row (keyed by the columns' names); it only types the results.
 *
 * @example A query with a named parameter
 * ```ts
 * import type { AqlQuery } from "@cadasto/openehr";
 * const query: AqlQuery<{ uid: string }> = {
 *   q: "SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $ehrId",
 *   params: { ehrId: "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d" },
 * };
 * console.log(query.q);
 * ```
 */
export interface AqlQuery<Row = Record<string, unknown>> {
  /** The query text; parameters appear as `$name`. */
  readonly q: string;
  /** The values of the query's `$name` parameters, sent as `query_parameters`. */
  readonly params?: Readonly<Record<string, AqlParameterValue>> | undefined;
  /** Types the result rows only; never set at run time. */
  readonly __row?: Row | undefined;
}

/**
 * What the query calls accept: the query text, or an {@linkcode AqlQuery}
 * (from {@linkcode aql} or written as `{ q, params }`).
 *
 * @example Either form
 * ```ts
 * import { aql, type AqlInput } from "@cadasto/openehr";
 * const plain: AqlInput = "SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c";
 * const tagged: AqlInput = aql`SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value = ${"Vitals"}`;
 * console.log(plain, tagged);
 * ```
 */
export type AqlInput<Row = Record<string, unknown>> = string | AqlQuery<Row>;
