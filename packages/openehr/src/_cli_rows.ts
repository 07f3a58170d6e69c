// Internal: how `cadasto-openehr query` writes rows as they arrive: an
// aligned table, a JSON array, NDJSON (one object a line) or CSV (RFC 4180).
// Each writer holds at most the first rows it uses to size the table.

export type RowFormat = "table" | "json" | "ndjson" | "csv";

export interface RowWriter {
  row(record: Record<string, unknown>): void;
  end(): void;
}

const TABLE_SAMPLE = 200;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : JSON.stringify(value);
}

function csvField(value: unknown): string {
  const text = cell(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A writer for `format`, writing through `write`. */
export function rowWriter(format: RowFormat, write: (text: string) => void): RowWriter {
  let keys: string[] | undefined;
  let count = 0;
  switch (format) {
    case "ndjson":
      return { row: (record) => write(`${JSON.stringify(record)}\n`), end: () => undefined };
    case "json":
      return {
        row: (record) => write(`${count++ === 0 ? "[\n" : ",\n"}${JSON.stringify(record)}`),
        end: () => write(count === 0 ? "[]\n" : "\n]\n"),
      };
    case "csv":
      return {
        row: (record) => {
          if (keys === undefined) {
            keys = Object.keys(record);
            write(`${keys.map(csvField).join(",")}\r\n`);
          }
          write(`${keys.map((key) => csvField(record[key])).join(",")}\r\n`);
        },
        end: () => undefined,
      };
    case "table": {
      // The first rows size the columns; later rows stream with those widths.
      let sample: Record<string, unknown>[] | undefined = [];
      let widths: number[] = [];
      const line = (cells: readonly string[]) =>
        write(
          `${cells
            .map((text, i) => (i < cells.length - 1 ? text.padEnd(widths[i] ?? 0) : text))
            .join("  ")
            .trimEnd()}\n`,
        );
      const flush = () => {
        if (sample === undefined) return;
        const rows = sample;
        sample = undefined;
        if (rows.length === 0) return;
        keys = Object.keys(rows[0] as Record<string, unknown>);
        const all = [keys, ...rows.map((record) => (keys as string[]).map((key) => cell(record[key])))];
        widths = keys.map((_, i) => Math.min(60, Math.max(...all.map((cells) => (cells[i] ?? "").length))));
        for (const cells of all) line(cells);
      };
      return {
        row: (record) => {
          count++;
          if (sample !== undefined) {
            sample.push(record);
            if (sample.length >= TABLE_SAMPLE) flush();
            return;
          }
          line((keys as string[]).map((key) => cell(record[key])));
        },
        end: () => {
          flush();
          if (count === 0) write("no rows\n");
        },
      };
    }
  }
}
