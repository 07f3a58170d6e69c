// Row 2: the cost of @cadasto/templates list() (token source, headers, error mapping, JSON)
// against a raw fetch with a fixed bearer token, same sandbox (in its own process), same
// concurrency. Within a round the sides take turns every few hundred calls (so a noisy
// neighbour hits both alike); the ratio is the median of the per-round ratios.
import { readFile } from "node:fs/promises";
import { missingExports } from "./available.mjs";
import { readOk, runCalls } from "./load.mjs";
import { fixturesDir } from "./opt-read.mjs";
import { startSandboxProcess } from "./sandbox.mjs";
import { median } from "./stats.mjs";

const CALLS = 5000;
const CONCURRENCY = 50;
const ROUNDS = 5;
const CHUNK = 500; // each round alternates the sides every CHUNK calls (A B B A A B …)
const WARMUP_CALLS = 500;
const FIXTURES = ["Demo_Vitals.opt", "IDCR_-_Vital_Signs_Encounter.v1.opt", "family_history.v.1.2.3__updated.opt"];

export async function measureOverhead() {
  const skipped = await missingExports({
    "@cadasto/sandbox": ["startSandbox"],
    "@cadasto/auth": ["clientCredentials"],
    "@cadasto/templates": ["createTemplatesClient"],
  });
  if (skipped) return { skipped };
  const { clientCredentials } = await import("@cadasto/auth");
  const { createTemplatesClient } = await import("@cadasto/templates");

  const sb = await startSandboxProcess({});
  try {
    const auth = clientCredentials({
      tokenEndpoint: sb.tokenEndpoint,
      clientId: sb.clientId,
      clientSecret: sb.clientSecret,
      audience: sb.apiBaseUrl,
      scope: ["api.read", "api.write"],
    });
    const templates = createTemplatesClient({ baseUrl: sb.apiBaseUrl, auth });
    for (const name of FIXTURES) await templates.upload(await readFile(fixturesDir + name, "utf8"));

    const bearer = `Bearer ${(await auth.getToken()).value}`;
    const listUrl = `${sb.apiBaseUrl}/definition/template/adl1.4`;
    const sides = [
      { id: "templates-list", label: "@cadasto/templates list()", call: () => templates.list() },
      {
        id: "raw-fetch",
        label: "raw fetch + fixed bearer + JSON.parse",
        call: async () =>
          JSON.parse(await readOk(await fetch(listUrl, { headers: { authorization: bearer, accept: "application/json" } }), "raw fetch")),
      },
    ];
    const first = await sides[0].call();
    const second = await sides[1].call();
    if (first.length !== FIXTURES.length || second.length !== FIXTURES.length)
      throw new Error(`list() returned ${first.length} templates, raw fetch ${second.length}; expected ${FIXTURES.length}`);

    for (const side of sides) await runCalls({ calls: WARMUP_CALLS, concurrency: CONCURRENCY }, side.call);
    const times = new Map(sides.map((s) => [s.id, []]));
    const ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      const total = new Map(sides.map((s) => [s.id, 0]));
      for (let chunk = 0; chunk < CALLS / CHUNK; chunk++) {
        const order = chunk % 2 ? [...sides].reverse() : sides;
        for (const side of order) total.set(side.id, total.get(side.id) + (await runCalls({ calls: CHUNK, concurrency: CONCURRENCY }, side.call)));
      }
      for (const side of sides) times.get(side.id).push(total.get(side.id));
      ratios.push(total.get("templates-list") / total.get("raw-fetch"));
    }
    const ratio = median(ratios);
    return {
      description: `${CALLS.toLocaleString("en")} list() calls (${FIXTURES.length} templates stored), ${CONCURRENCY} in flight, ${ROUNDS} rounds, each alternating the sides every ${CHUNK} calls, after ${WARMUP_CALLS} warm-up calls each; the sandbox runs in its own process. Ratio = median of the per-round ratios.`,
      ratioMedian: ratio,
      rows: sides.map((side) => {
        const totalMsMedian = median(times.get(side.id));
        return {
          id: side.id,
          label: side.label,
          totalMsMedian,
          callsPerSecond: (CALLS * 1000) / totalMsMedian,
          samplesMs: times.get(side.id),
          ratio: side.id === "templates-list" ? ratio : 1,
        };
      }),
    };
  } finally {
    await sb.close();
  }
}
