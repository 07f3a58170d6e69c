/**
 * One column of an AQL result: its name (the `AS` alias, or what the server
 * calls it) and the path it selects.
 *
 * @example Print a result's header
 * ```ts
 * import type { AqlColumn } from "@cadasto/openehr";
 * declare const columns: readonly AqlColumn[];
 * console.log(columns.map((column) => column.name).join("\t"));
 * ```
 */
export interface AqlColumn {
  /** The column's name: the `AS` alias, else the server's (often `#0` or the path). */
  readonly name: string;
  /** The AQL path the column selects, when the server says. */
  readonly path?: string | undefined;
}

/**
 * The answer to an AQL query, as the openEHR REST API sends it (`q`,
 * `columns`, `rows`, `meta`), plus `records`: every row as an object keyed by
 * the column names, typed by the query's `Row`.
 *
 * @example Read typed records, or the raw rows
 * ```ts
 * import { aql, createOpenEhrClient, type AqlResult } from "@cadasto/openehr";
 * const client = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const result: AqlResult<{ uid: string; start: string }> = await client.query.aql(
 *   aql`SELECT c/uid/value AS uid, c/context/start_time/value AS start FROM EHR e CONTAINS COMPOSITION c`,
 * );
 * for (const { uid, start } of result.records) console.log(uid, start);
 * console.log(result.columns.length, result.rows.length);
 * ```
 */
export interface AqlResult<Row = Record<string, unknown>> {
  /** The query the server ran. */
  readonly q: string;
  /** The stored query's qualified name, for a stored query. */
  readonly name?: string | undefined;
  /** The columns, in order. */
  readonly columns: readonly AqlColumn[];
  /** The raw rows: one array per row, one value per column. */
  readonly rows: readonly (readonly unknown[])[];
  /** Each row as an object keyed by the column names (a repeated name gets `#2`, `#3`, … appended). */
  readonly records: readonly Row[];
  /** The server's `meta` object (result size, offset, fetch, executed query, …), as sent. */
  readonly meta: Readonly<Record<string, unknown>>;
}
