// Row 6: how long a sandbox takes to start, cold (fresh node process, import included),
// how long its first clinical request takes (the embedded database loads then), and the
// process's memory at each step and after 1,000 composition commits.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { retryWhileRebuilding } from "./available.mjs";
import { median } from "./stats.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));

const CHILD = `
import { readFile } from "node:fs/promises";
const [fixtures, commits] = [process.argv[1], Number(process.argv[2])];
const rss = () => process.memoryUsage().rss;
const t0 = performance.now();
const { startSandbox } = await import("@cadasto/sandbox");
const t1 = performance.now();
const sb = await startSandbox();
const t2 = performance.now();
const rssStarted = rss();
const basic = "Basic " + btoa(sb.clientId + ":" + sb.clientSecret);
const token = (await (await fetch(sb.tokenEndpoint, { method: "POST", headers: { authorization: basic },
  body: new URLSearchParams({ grant_type: "client_credentials", audience: sb.apiBaseUrl }) })).json()).access_token;
const auth = { authorization: "Bearer " + token };
const t3 = performance.now();
const ehr = await fetch(sb.apiBaseUrl + "/ehr", { method: "POST", headers: { ...auth, prefer: "return=representation" } });
const t4 = performance.now();
if (ehr.status !== 201) throw new Error("POST /ehr answered " + ehr.status);
const ehrId = (await ehr.json()).ehr_id.value;
const rssFirstClinical = rss();
const opt = await readFile(fixtures + "templates/minimal_evaluation.en.v1.opt");
await fetch(sb.apiBaseUrl + "/definition/template/adl1.4", { method: "POST", headers: { ...auth, "content-type": "application/xml", prefer: "return=minimal" }, body: opt });
const body = (await readFile(fixtures + "compositions/minimal_evaluation.json", "utf8")).replace(/^\\uFEFF/, "");
let peak = rss();
for (let i = 0; i < commits; i += 20) {
  await Promise.all(Array.from({ length: 20 }, async () => {
    const r = await fetch(sb.apiBaseUrl + "/ehr/" + ehrId + "/composition", { method: "POST", headers: { ...auth, "content-type": "application/json", prefer: "return=minimal" }, body });
    if (r.status !== 201) throw new Error("commit answered " + r.status);
  }));
  peak = Math.max(peak, rss());
}
await sb.close();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, startMs: t2 - t1, firstClinicalMs: t4 - t3, rssStarted, rssFirstClinical, rssAfterCommits: peak }));
`;

function runOnce(commits) {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, fixtures, String(commits)], {
    cwd: benchDir,
    encoding: "utf8",
  });
  if (child.status !== 0) {
    const reason = (child.stderr.split("\n").find((line) => /^\w*Error\b/.test(line.trim())) ?? child.stderr).trim();
    return { error: reason.replace(/^Error: /, "").slice(0, 200) };
  }
  return JSON.parse(child.stdout);
}

/** Medians of `runs` fresh processes (after one warm-up for the file cache). */
export function measureSandboxStart({ runs = 7, commits = 1000 } = {}) {
  const warm = retryWhileRebuilding(() => runOnce(0));
  if (warm.error) return { runs: 0, commits, error: warm.error };
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const sample = retryWhileRebuilding(() => runOnce(commits));
    if (sample.error) return { runs: i, commits, error: sample.error };
    samples.push(sample);
  }
  const pick = (key) => median(samples.map((s) => s[key]));
  return {
    runs,
    commits,
    importMsMedian: pick("importMs"),
    startMsMedian: pick("startMs"),
    firstClinicalMsMedian: pick("firstClinicalMs"),
    rssStartedMedian: pick("rssStarted"),
    rssFirstClinicalMedian: pick("rssFirstClinical"),
    rssAfterCommitsMedian: pick("rssAfterCommits"),
  };
}
