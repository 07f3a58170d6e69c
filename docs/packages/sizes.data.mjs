// Bundle sizes for the package pages, read at build time from bench/results.json
// (written by `pnpm bench`). Nothing is invented: without that file, or without a
// row for a package, the page says "not measured yet".
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const resultsFile = fileURLToPath(new URL("../../bench/results.json", import.meta.url));

/** The bundle-size rows: `size.rows`, each `{ id, label, minified, gzip }` or `{ id, label, error }`. */
function sizeRows(results) {
  const rows = results?.size?.rows;
  return Array.isArray(rows) ? rows.filter((row) => row && typeof row.id === "string") : [];
}

/** "AMD EPYC, 2 cores, Node v20.20.2" from the benchmark's machine description (or a plain string). */
function describeMachine(machine) {
  if (typeof machine === "string") return machine;
  if (!machine || typeof machine !== "object") return undefined;
  const parts = [machine.cpuModel, machine.cores && `${machine.cores} cores`, machine.node && `Node ${machine.node}`];
  return parts.filter(Boolean).join(", ") || undefined;
}

/**
 * The size targets (bench's `size.rules`) with what was measured: `{ id, why, ok, limit, gzip, largest }`
 * (`id` is `<entry>-own` for a rule on our own code in that entry),
 * `limit` in bytes (a fixed budget, or the size of the entry it must not exceed), `largest` the
 * biggest inputs of the measured bundle (where the bytes come from).
 */
function targetsOf(results, rows) {
  const rules = Array.isArray(results?.size?.rules) ? results.size.rules : [];
  const raw = sizeRows(results);
  return rules
    .filter((rule) => rule && typeof rule.id === "string")
    .map((rule) => {
      const measured = rows.find((row) => row.id === rule.id);
      const other = typeof rule.atMostEntry === "string" ? rows.find((row) => row.id === rule.atMostEntry) : undefined;
      const limit = typeof rule.atMostBytes === "number" ? rule.atMostBytes : other?.gzip;
      const inputs = raw.find((row) => row.id === rule.id)?.topInputs;
      // An `own` rule is about our own code in that bundle (the third-party libraries left out).
      const own = rule.own === true ? raw.find((row) => row.id === rule.id)?.own?.gzip : undefined;
      return {
        id: rule.own === true ? `${rule.id}-own` : rule.id,
        label: rule.own === true ? `Our own code in: ${measured?.label ?? rule.id}` : (measured?.label ?? rule.id),
        why: typeof rule.why === "string" ? rule.why : "",
        ok: rule.ok === true,
        limit,
        limitOf: other?.label,
        gzip: rule.own === true ? (typeof own === "number" ? own : undefined) : measured?.gzip,
        largest: Array.isArray(inputs) ? inputs.slice(0, 3).map((input) => String(input.path).replace(/\/build\/.*|\/dist\/.*/, "")) : [],
      };
    });
}

export default {
  watch: ["../../bench/results.json"],
  load() {
    if (!existsSync(resultsFile)) return { measured: false, rows: [] };
    // bench/run.mjs writes { date, machine, size: { rows }, … }.
    const results = JSON.parse(readFileSync(resultsFile, "utf8"));
    const rows = sizeRows(results).map((row) => ({
      id: row.id,
      label: typeof row.label === "string" ? row.label : row.id,
      minified: typeof row.minified === "number" ? row.minified : undefined,
      gzip: typeof row.gzip === "number" ? row.gzip : undefined,
      error: typeof row.gzip === "number" ? undefined : String(row.error ?? "no measurement"),
      ours: row.ours !== false,
    }));
    return {
      measured: rows.some((row) => row.gzip !== undefined),
      date: typeof results.date === "string" ? results.date : undefined,
      machine: describeMachine(results.machine),
      rows,
      targets: targetsOf(results, rows),
    };
  },
};
