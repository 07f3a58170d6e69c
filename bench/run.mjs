// The benchmark: `pnpm bench` (after building the packages). Prints the tables and writes
// bench/results.json and bench/RESULTS.md. Not a test: nothing here passes or fails.
// `node run.mjs --only size,import` runs some rows (tokens, fleet, overhead, size, import, opt, sandbox).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { measureImportTimes } from "./lib/import-time.mjs";
import { measureOptRead } from "./lib/opt-read.mjs";
import { renderReport } from "./lib/report.mjs";
import { sizeResults } from "./lib/size-results.mjs";
import { measureTokens } from "./lib/tokens.mjs";
import { measureFleet } from "./lib/fleet.mjs";
import { measureOverhead } from "./lib/overhead.mjs";
import { measureSandboxStart } from "./lib/sandbox-start.mjs";

const onlyArg = process.argv.find((arg) => arg.startsWith("--only"));
const only = onlyArg ? new Set((onlyArg.split("=")[1] ?? process.argv[process.argv.indexOf(onlyArg) + 1]).split(",")) : undefined;
const wanted = (row) => !only || only.has(row);
const skipped = { skipped: "not run (--only)" };

const results = {
  date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  machine: {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: loadavg().map((x) => x.toFixed(2)),
  },
};

async function step(name, key, fn) {
  if (!wanted(name)) {
    results[key] = skipped;
    return;
  }
  const started = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  results[key] = await fn();
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

await step("tokens", "tokens", () => measureTokens());
await step("fleet", "fleet", () => measureFleet());
await step("overhead", "overhead", () => measureOverhead());
await step("size", "size", () => sizeResults());
await step("import", "importTime", () => ({ runs: 17, rows: measureImportTimes({ runs: 17 }) }));
await step("opt", "optRead", () => ({ processes: 9, ...measureOptRead({ processes: 9 }) }));
await step("sandbox", "sandboxStart", () => measureSandboxStart({ runs: 7, commits: 1000 }));

const markdown = renderReport(results);
process.stdout.write(`${markdown}\n`);
if (only) {
  // A partial run never replaces the committed results; keep it for a look.
  mkdirSync(new URL(".tmp/", import.meta.url), { recursive: true });
  writeFileSync(new URL(".tmp/partial.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL(".tmp/partial.md", import.meta.url), markdown);
} else {
  writeFileSync(new URL("results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL("RESULTS.md", import.meta.url), markdown);
  process.stderr.write("bench: wrote bench/results.json and bench/RESULTS.md\n");
}
