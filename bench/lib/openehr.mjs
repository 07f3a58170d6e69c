// Rows 6 and 7: @cadasto/openehr.
// 6. compositions.create() against a raw fetch with a fixed bearer, same sandbox (in its own
//    process), same concurrency, the same real composition (minimal_evaluation.json, pinned
//    to an uploaded template version); sides alternate every CHUNK commits, as in row 2.
// 7. query.rows() heap over a 100,000-row and a 10,000-row result (see rows-child.mjs).
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { missingExports } from "./available.mjs";
import { readOk, runAlternating } from "./load.mjs";
import { sandboxTokens, startSandboxProcess } from "./sandbox.mjs";
import { median } from "./stats.mjs";

const fixtures = new URL("../../fixtures/", import.meta.url);
const COMMITS = 2000;
const CONCURRENCY = 20;
const ROUNDS = 3;
const CHUNK = 200;
const WARMUP = 200;
const now = () => `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;

export async function measureOpenEhrCommits() {
  const skipped = await missingExports({
    "@cadasto/sandbox": ["startSandbox"],
    "@cadasto/auth": ["clientCredentials"],
    "@cadasto/templates": ["createTemplatesClient"],
    "@cadasto/openehr": ["createOpenEhrClient"],
  });
  if (skipped) return { skipped };
  const { clientCredentials } = await import("@cadasto/auth");
  const { createTemplatesClient } = await import("@cadasto/templates");
  const { createOpenEhrClient } = await import("@cadasto/openehr");
  const sb = await startSandboxProcess({});
  try {
    const auth = sandboxTokens(clientCredentials, sb);
    const templates = createTemplatesClient({ baseUrl: sb.apiBaseUrl, auth });
    const { versionId } = await templates.upload(await readFile(new URL("templates/minimal_evaluation.en.v1.opt", fixtures)));
    const composition = JSON.parse(await readFile(new URL("compositions/minimal_evaluation.json", fixtures), "utf8"));
    const client = createOpenEhrClient({ baseUrl: sb.apiBaseUrl, auth });
    const { ehrId } = await client.ehrs.create();
    const bearer = `Bearer ${(await auth.getToken()).value}`;
    const url = `${sb.apiBaseUrl}/ehr/${ehrId}/composition`;
    // What a hand-written caller sends: the pinned template id in the body, an explicit Prefer.
    const pinned = {
      ...composition,
      archetype_details: { ...composition.archetype_details, template_id: { _type: "TEMPLATE_ID", value: versionId } },
    };
    const sides = [
      {
        id: "openehr-create",
        label: "@cadasto/openehr compositions.create({ templateId })",
        call: () => client.compositions.create(ehrId, composition, { templateId: versionId }),
      },
      {
        id: "raw-fetch",
        label: "raw fetch + fixed bearer + JSON.stringify + ETag",
        call: async () => {
          const response = await fetch(url, {
            method: "POST",
            headers: { authorization: bearer, "content-type": "application/json", accept: "application/json", prefer: "return=minimal" },
            body: JSON.stringify(pinned),
          });
          await readOk(response, "raw fetch");
          if (!response.headers.get("etag")) throw new Error("raw fetch: no ETag");
        },
      },
    ];
    const measured = await runAlternating({
      sides,
      baseline: "raw-fetch",
      rounds: ROUNDS,
      calls: COMMITS,
      chunk: CHUNK,
      concurrency: CONCURRENCY,
      warmup: WARMUP,
    });
    return {
      date: now(),
      description: `${COMMITS.toLocaleString("en")} commits of minimal_evaluation.json per side and round, pinned to an uploaded template version, ${CONCURRENCY} in flight, ${ROUNDS} rounds alternating the sides every ${CHUNK} commits, after ${WARMUP} warm-up commits each; the sandbox (sql.js) runs in its own process. Ratio = total time over all rounds against raw fetch's.`,
      rows: measured.map((side) => {
        const totalMsMedian = median(side.samplesMs);
        return { ...side, totalMsMedian, commitsPerSecond: (COMMITS * 1000) / totalMsMedian };
      }),
    };
  } finally {
    await sb.close();
  }
}

/** Runs rows-child.mjs in a fresh process with --expose-gc for each size (median of `runs`). */
export async function measureRowsMemory({ runs = 5 } = {}) {
  const skipped = await missingExports({ "@cadasto/openehr": ["createOpenEhrClient"] });
  if (skipped) return { skipped };
  const child = fileURLToPath(new URL("rows-child.mjs", import.meta.url));
  const sizes = [100_000, 10_000];
  const modes = ["live", "raw"];
  const samples = new Map(sizes.flatMap((n) => modes.map((mode) => [`${n} ${mode}`, []])));
  for (let run = 0; run < runs; run++) {
    for (const rows of sizes) {
      for (const mode of modes) {
        const out = execFileSync(process.execPath, ["--expose-gc", child, String(rows), "1000", mode], {
          encoding: "utf8",
          timeout: 300_000,
        });
        samples.get(`${rows} ${mode}`).push(JSON.parse(out));
      }
    }
  }
  const measured = (n, mode) => {
    const runsOf = samples.get(`${n} ${mode}`);
    if (runsOf.some((r) => r.rows !== n)) throw new Error(`rows(): expected ${n} rows, got ${runsOf.map((r) => r.rows).join(", ")}`);
    return {
      bytes: median(runsOf.map((r) => r.peakHeapGrowthBytes)),
      afterFirstPage: median(runsOf.map((r) => r.peakAfterFirstPageBytes)),
      ms: median(runsOf.map((r) => r.ms)),
      samples: runsOf.map((r) => r.peakHeapGrowthBytes),
    };
  };
  const rows = sizes.map((n) => {
    const live = measured(n, "live");
    const raw = measured(n, "raw");
    return {
      rows: n,
      pageSize: 1000,
      peakHeapGrowthBytes: live.bytes,
      afterFirstPageBytes: live.afterFirstPage,
      rawPeakHeapGrowthBytes: raw.bytes,
      msMedian: raw.ms,
      samples: live.samples,
      rawSamples: raw.samples,
    };
  });
  const [large, small] = rows;
  return {
    date: now(),
    description: `query.rows() over a ${large.rows.toLocaleString("en")}-row and a ${small.rows.toLocaleString("en")}-row result, page size 1,000, each in a fresh process (--expose-gc, garbage collected before the start). Peak heap growth: sampled after a full collection at every page (what the iteration keeps alive; the budget), from the start and from the end of the first page (which also loads and compiles the client); raw peak: sampled without collecting (garbage included, so it follows V8's collection cadence, not the result: it stops growing once collections start). The AQL endpoint is a minimal server in another process that answers each offset/fetch page with generated rows in the openEHR result shape: the sandbox would need minutes and gigabytes to hold 100,000 compositions, and the row measures the client's memory. Median of ${runs} runs.`,
    rows,
    ratio: large.peakHeapGrowthBytes / small.peakHeapGrowthBytes,
    afterFirstPageRatio: large.afterFirstPageBytes / small.afterFirstPageBytes,
  };
}
