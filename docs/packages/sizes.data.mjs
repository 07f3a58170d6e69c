// Bundle sizes for the package pages, read at build time from bench/results.json
// (written by `pnpm bench`). Nothing is invented: without that file, or without a
// row for a package, the page says "not measured yet".
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const resultsFile = fileURLToPath(new URL("../../bench/results.json", import.meta.url));

/** Every object in the results that looks like a bundle-size row: a string `id` and a numeric `gzip`. */
function sizeRows(value, found = []) {
  if (Array.isArray(value)) for (const item of value) sizeRows(item, found);
  else if (value && typeof value === "object") {
    if (typeof value.id === "string" && typeof value.gzip === "number") found.push(value);
    else for (const item of Object.values(value)) sizeRows(item, found);
  }
  return found;
}

/** The first string among `keys` at the top level of the results (when and where they were measured). */
function firstString(results, keys) {
  for (const key of keys) if (typeof results?.[key] === "string") return results[key];
  return undefined;
}

export default {
  watch: ["../../bench/results.json"],
  load() {
    if (!existsSync(resultsFile)) return { measured: false, rows: [] };
    const results = JSON.parse(readFileSync(resultsFile, "utf8"));
    const rows = sizeRows(results).map((row) => ({
      id: row.id,
      label: typeof row.label === "string" ? row.label : row.id,
      minified: typeof row.minified === "number" ? row.minified : undefined,
      gzip: row.gzip,
      ours: row.ours !== false,
    }));
    return {
      measured: rows.length > 0,
      date: firstString(results, ["date", "measuredAt", "timestamp", "generatedAt"]),
      machine: firstString(results, ["machine", "host", "cpu"]),
      rows,
    };
  },
};
