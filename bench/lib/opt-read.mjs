// Row 5: readOptMetadata on the largest fixture vs a full fast-xml-parser parse.
// Every sample is a fresh process (so peak memory is the parse's own), modes interleaved.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { retryWhileRebuilding } from "./available.mjs";
import { median } from "./stats.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
export const fixturesDir = fileURLToPath(new URL("../../fixtures/templates/", import.meta.url));

export const MODES = [
  { mode: "metadata-bytes", label: "readOptMetadata(bytes)", ours: true },
  { mode: "metadata-stream", label: "readOptMetadata(Blob stream from disk)", ours: true },
  { mode: "fast-xml-parser", label: "fast-xml-parser full parse", ours: false },
];

/** The largest .opt file in fixtures/templates/. */
export function largestFixture() {
  const files = readdirSync(fixturesDir)
    .filter((name) => name.endsWith(".opt"))
    .map((name) => ({ name, path: fixturesDir + name, bytes: statSync(fixturesDir + name).size }));
  return files.sort((a, b) => b.bytes - a.bytes)[0];
}

function sample(mode, file) {
  const child = spawnSync(process.execPath, ["--expose-gc", "lib/opt-worker.mjs", mode, file], { cwd: benchDir, encoding: "utf8" });
  if (child.status !== 0)
    return {
      error:
        child.stderr
          .trim()
          .split("\n")
          .find((l) => /Error/.test(l)) ?? child.stderr.trim().slice(0, 200),
    };
  return JSON.parse(child.stdout);
}

/** Runs `processes` fresh processes per mode, interleaved, and reports medians. */
export function measureOptRead({ processes = 9 } = {}) {
  const fixture = largestFixture();
  const samples = new Map(MODES.map((m) => [m.mode, []]));
  const errors = new Map();
  for (let i = 0; i < processes; i++) {
    for (const { mode } of MODES) {
      if (errors.has(mode)) continue;
      const s = retryWhileRebuilding(() => sample(mode, fixture.path));
      if (s.error) errors.set(mode, s.error);
      else samples.get(mode).push(s);
    }
  }
  const rows = MODES.map(({ mode, label, ours }) => {
    if (errors.has(mode)) return { mode, label, ours, error: errors.get(mode) };
    const s = samples.get(mode);
    const pick = (key) => median(s.map((x) => x[key]));
    return {
      mode,
      label,
      ours,
      processes: s.length,
      templateId: s[0].templateId,
      firstCallMs: pick("firstMs"),
      warmCallMs: pick("warmMs"),
      peakRssBytes: pick("peakRssBytes"),
      peakRssGrowthBytes: pick("peakRssGrowthBytes"),
      heapGrowthBytes: pick("heapGrowthBytes"),
    };
  });
  const reference = rows.find((r) => r.mode === "fast-xml-parser" && !r.error);
  for (const row of rows) {
    if (row.error || !reference) continue;
    row.firstCallRatio = row.firstCallMs / reference.firstCallMs;
    row.warmCallRatio = row.warmCallMs / reference.warmCallMs;
    row.peakRssGrowthRatio = row.peakRssGrowthBytes / reference.peakRssGrowthBytes;
  }
  return { fixture: { name: fixture.name, bytes: fixture.bytes }, rows };
}
