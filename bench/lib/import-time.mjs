// Row 4: cold import() time, each module in a fresh node process, interleaved run by run.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { retryWhileRebuilding } from "./available.mjs";
import { median } from "./stats.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));

export const MODULES = [
  { specifier: "@cadasto/auth", ours: true },
  { specifier: "@cadasto/discovery", ours: true },
  { specifier: "@cadasto/templates", ours: true },
  { specifier: "@cadasto/credentials-request", ours: true },
  { specifier: "openid-client", ours: false },
  { specifier: "@azure/msal-node", ours: false },
  { specifier: "oauth4webapi", ours: false },
  { specifier: "simple-oauth2", ours: false },
];

// The child times import() alone (node's own start-up is the same for every module);
// the parent also measures the whole process's wall time.
const CHILD = `
const t0 = performance.now();
const ns = await import(process.argv[1]);
const t1 = performance.now();
if (Object.keys(ns).length === 0) throw new Error("the module exports nothing yet: " + process.argv[1]);
process.stdout.write(JSON.stringify({ importMs: t1 - t0 }));
`;

function runOnce(specifier) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, specifier], {
    cwd: benchDir,
    encoding: "utf8",
  });
  const processMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    const reason = (child.stderr.split("\n").find((line) => /^\w*Error\b/.test(line.trim())) ?? child.stderr).trim();
    return { error: reason.replace(/^Error: /, "").slice(0, 200) };
  }
  return { importMs: JSON.parse(child.stdout).importMs, processMs };
}

/**
 * Times `import()` of each module in `runs` fresh processes, after one warm-up run each
 * (so the file system cache is warm for all alike). Runs are interleaved: run 1 of every
 * module, then run 2, … so drift on a shared machine hits every module alike.
 */
export function measureImportTimes({ runs = 17, modules = MODULES } = {}) {
  const samples = new Map(modules.map((m) => [m.specifier, { importMs: [], processMs: [], error: undefined }]));
  for (const m of modules) {
    const warm = retryWhileRebuilding(() => runOnce(m.specifier));
    if (warm.error) samples.get(m.specifier).error = warm.error;
  }
  for (let run = 0; run < runs; run++) {
    for (const m of modules) {
      const s = samples.get(m.specifier);
      if (s.error) continue;
      const r = retryWhileRebuilding(() => runOnce(m.specifier));
      if (r.error) {
        s.error = r.error;
        continue;
      }
      s.importMs.push(r.importMs);
      s.processMs.push(r.processMs);
    }
  }
  const reference = samples.get("openid-client");
  const refMedian = reference && !reference.error ? median(reference.importMs) : undefined;
  return modules.map((m) => {
    const s = samples.get(m.specifier);
    if (s.error) return { specifier: m.specifier, ours: m.ours, error: s.error };
    const importMs = median(s.importMs);
    return {
      specifier: m.specifier,
      ours: m.ours,
      runs: s.importMs.length,
      importMsMedian: importMs,
      importMsMin: Math.min(...s.importMs),
      importMsMax: Math.max(...s.importMs),
      processMsMedian: median(s.processMs),
      ratioToOpenidClient: refMedian ? importMs / refMedian : undefined,
    };
  });
}
