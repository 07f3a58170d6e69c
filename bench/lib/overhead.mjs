// Row 2: the cost of @cadasto/templates list() (token source, headers, error mapping, JSON)
// against a raw fetch with a fixed bearer token, same sandbox (in its own process), same
// concurrency. Within a round the sides take turns every few hundred calls (so a noisy
// neighbour hits both alike); the ratio is of the total times over all rounds.
import { readFile } from "node:fs/promises";
import { missingExports } from "./available.mjs";
import { readOk, runAlternating } from "./load.mjs";
import { fixturesDir } from "./opt-read.mjs";
import { sandboxTokens, startSandboxProcess } from "./sandbox.mjs";
import { median } from "./stats.mjs";

const CALLS = 5000;
const CONCURRENCY = 50;
const ROUNDS = 5;
const CHUNK = 250; // each round alternates the sides every CHUNK calls (A B C C B A …)
const WARMUP_CALLS = 500;
const FIXTURES = ["Demo_Vitals.opt", "IDCR_-_Vital_Signs_Encounter.v1.opt", "family_history.v.1.2.3__updated.opt"];

export async function measureOverhead() {
  const skipped = await missingExports({
    "@cadasto/sandbox": ["startSandbox"],
    "@cadasto/auth": ["clientCredentials", "authFetch"],
    "@cadasto/templates": ["createTemplatesClient"],
  });
  if (skipped) return { skipped };
  const { authFetch, clientCredentials } = await import("@cadasto/auth");
  const { createTemplatesClient } = await import("@cadasto/templates");

  const sb = await startSandboxProcess({});
  try {
    const auth = sandboxTokens(clientCredentials, sb);
    const templates = createTemplatesClient({ baseUrl: sb.apiBaseUrl, auth });
    for (const name of FIXTURES) await templates.upload(await readFile(fixturesDir + name, "utf8"));

    const bearer = `Bearer ${(await auth.getToken()).value}`;
    const listUrl = `${sb.apiBaseUrl}/definition/template/adl1.4`;
    const fetchWithToken = authFetch(auth);
    const listJson = async (fetchImpl, headers, what) => JSON.parse(await readOk(await fetchImpl(listUrl, { headers }), what));
    const sides = [
      { id: "templates-list", label: "@cadasto/templates list()", call: () => templates.list() },
      {
        id: "raw-fetch",
        label: "raw fetch + fixed bearer + JSON.parse",
        call: () => listJson(fetch, { authorization: bearer, accept: "application/json" }, "raw fetch"),
      },
      {
        // Not a side of the comparison: shows how much of the difference is authFetch's.
        id: "auth-fetch",
        label: "(breakdown) @cadasto/auth authFetch + JSON.parse, no templates client",
        call: () => listJson(fetchWithToken, { accept: "application/json" }, "authFetch"),
      },
    ];
    for (const side of sides) {
      const listed = await side.call();
      if (listed.length !== FIXTURES.length)
        throw new Error(`${side.label} listed ${listed.length} templates; expected ${FIXTURES.length}`);
    }

    const measured = await runAlternating({
      sides,
      baseline: "raw-fetch",
      rounds: ROUNDS,
      calls: CALLS,
      chunk: CHUNK,
      concurrency: CONCURRENCY,
      warmup: WARMUP_CALLS,
    });
    return {
      description: `${CALLS.toLocaleString("en")} list() calls (${FIXTURES.length} templates stored), ${CONCURRENCY} in flight, ${ROUNDS} rounds, each alternating the sides every ${CHUNK} calls, after ${WARMUP_CALLS} warm-up calls each; the sandbox runs in its own process. Ratio = total time over all rounds against raw fetch's (per-round ratios in brackets).`,
      ratioMedian: measured[0].ratio,
      rows: measured.map((side) => {
        const totalMsMedian = median(side.samplesMs);
        return { ...side, totalMsMedian, callsPerSecond: (CALLS * 1000) / totalMsMedian };
      }),
    };
  } finally {
    await sb.close();
  }
}
