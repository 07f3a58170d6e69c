import { toAqlRequest } from "./_aql_request.ts";
import { columnKeys, readColumns, toRecord } from "./_aql_response.ts";
import type { RestClient } from "@cadasto/rest";
import { invalid } from "./_invalid.ts";
import type { AqlInput } from "./aql_query.ts";
import { type AqlOptions, runQuery } from "./query_aql.ts";

/**
 * Options of {@linkcode QueryApi.rows}.
 *
 * @example Pages of 500 rows, stoppable
 * ```ts
 * import type { RowsOptions } from "@cadasto/openehr";
 * const stop = new AbortController();
 * const options: RowsOptions = { pageSize: 500, signal: stop.signal };
 * console.log(options.pageSize);
 * ```
 */
export interface RowsOptions extends Omit<AqlOptions, "offset" | "fetch"> {
  /** Rows per request (`fetch`); default 1,000. */
  readonly pageSize?: number | undefined;
  /** Rows to skip before the first page; default 0. */
  readonly offset?: number | undefined;
}

const DEFAULT_PAGE_SIZE = 1_000;

/**
 * `query.rows()`: pages through a result with `offset`/`fetch` and yields
 * each row as a record; only one page is held at a time. Stops after a page
 * shorter than `pageSize`.
 */
export async function* queryRows<Row>(
  api: RestClient,
  query: AqlInput<Row>,
  options: RowsOptions = {},
): AsyncGenerator<Row, void, undefined> {
  const { q, query_parameters } = toAqlRequest(query);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw invalid("options.pageSize", `options.pageSize must be a whole number of at least 1, got ${pageSize}.`);
  }
  const { pageSize: _size, offset: start = 0, ...rest } = options;
  let offset = start;
  let keys: string[] | undefined;
  for (;;) {
    const page = await runQuery(api, ["query", "aql"], { q, query_parameters }, { ...rest, offset, fetch: pageSize });
    keys ??= columnKeys(readColumns(page));
    for (const row of page.rows) yield toRecord<Row>(keys, row);
    if (page.rows.length < pageSize) return;
    offset += page.rows.length;
  }
}
