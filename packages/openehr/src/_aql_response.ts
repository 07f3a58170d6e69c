// Internal: reads the openEHR AQL response shape ({ meta, q, name?, columns,
// rows }) into an AqlResult, with each row also as an object keyed by the
// column names.
import type { AqlColumn, AqlResult } from "./aql_result.ts";

/** The keys records use for the columns: the name, `#i` for a nameless one, `name#2` for a repeat. */
export function columnKeys(columns: readonly AqlColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((column, index) => {
    const base = column.name === "" ? `#${index}` : column.name;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  });
}

/** One row as a record. */
export function toRecord<Row>(keys: readonly string[], row: readonly unknown[]): Row {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) record[keys[i] as string] = row[i];
  return record as Row;
}

/** A body that passed aqlResultProblem(). */
export interface AqlResultBody extends Record<string, unknown> {
  readonly rows: unknown[][];
}

/** The columns of a checked body. */
export function readColumns(body: AqlResultBody): AqlColumn[] {
  const raw = Array.isArray(body.columns) ? body.columns : [];
  return raw.map((column: unknown, index) => {
    const record = typeof column === "object" && column !== null ? (column as Record<string, unknown>) : {};
    const name = typeof record.name === "string" ? record.name : `#${index}`;
    return typeof record.path === "string" ? { name, path: record.path } : { name };
  });
}

/** Whether `value` has the AQL response shape; the reason when not. */
export function aqlResultProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "the body is not a JSON object";
  const body = value as Record<string, unknown>;
  if (!Array.isArray(body.rows)) return "it has no rows array";
  if (!body.rows.every((row) => Array.isArray(row))) return "a row is not an array";
  if (body.columns !== undefined && !Array.isArray(body.columns)) return "columns is not an array";
  return undefined;
}

/** Reads a checked body (see aqlResultProblem) into an AqlResult. */
export function toAqlResult<Row>(body: AqlResultBody, q: string): AqlResult<Row> {
  const columns = readColumns(body);
  const rows = body.rows;
  const keys = columnKeys(columns);
  const meta = typeof body.meta === "object" && body.meta !== null ? (body.meta as Record<string, unknown>) : {};
  return {
    q: typeof body.q === "string" ? body.q : q,
    ...(typeof body.name === "string" ? { name: body.name } : {}),
    columns,
    rows,
    records: rows.map((row) => toRecord<Row>(keys, row)),
    meta,
  };
}
