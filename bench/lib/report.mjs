// Turns the results into markdown tables (printed, and written to RESULTS.md).

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const ratio = (value) => (value === undefined || Number.isNaN(value) ? "—" : `${value.toFixed(2)}×`);

const TITLES = {
  tokens: "### 1. Token requests (client credentials, sandbox on loopback)\n",
  fleet: "### 1b. A fleet: 8 processes with one Redis store vs 8 memory stores\n",
  overhead: "### 2. Overhead of `templates.list()` vs raw fetch with a fixed bearer\n",
  size: "### 3. Bundle size (esbuild, ESM, minified, gzip -9)\n",
  importTime: "### 4. Cold `import()` time (fresh node process each run)\n",
  optRead: "### 5. Reading an OPT: `readOptMetadata` vs a full fast-xml-parser parse\n",
  sandboxStart: "### 6. Sandbox start: cold `startSandbox()`, the first clinical request, memory\n",
  openehrCommits: "### 7. `compositions.create()` vs raw fetch with a fixed bearer\n",
  rowsMemory: "### 8. `query.rows()` memory: 100,000 vs 10,000 rows\n",
};

function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function tokensSection(section) {
  const title = TITLES.tokens;
  const rows = section.rows.map((r) => [
    r.label,
    r.coldBurst ? `${r.coldBurst.tokenRequestsMedian} for ${r.coldBurst.calls} calls` : "—",
    r.lifetimes ? `${r.lifetimes.tokenRequestsPerLifetimeMedian.toFixed(2)}` : "—",
    r.lifetimes ? `${r.lifetimes.waitedAfterFirstMedian}` : "—",
    r.lifetimes ? `${ms(r.lifetimes.getTokenP99MsMedian)} / ${ms(r.lifetimes.getTokenMaxMsMedian)}` : "—",
  ]);
  return `${title}${section.description}\n\n${table(
    [
      "client",
      "cold cache: token requests",
      `token requests per lifetime (target 1)`,
      "calls after the first that waited on a token request (target 0)",
      "getToken() p99 / max",
    ],
    rows,
  )}\n`;
}

export function fleetSection(section) {
  const us = (value) => `${value.toFixed(1)} µs`;
  const h = section.hotPath;
  const rows = section.fleets.map((f) => [
    f.label,
    `${f.tokenRequests}`,
    f.perLifetime.toFixed(2),
    f.id === "redis" ? `${us(h.redisP99Us)} (p50 ${us(h.redisP50Us)})` : `${us(h.memoryP99Us)} (p50 ${us(h.memoryP50Us)})`,
  ]);
  return `${TITLES.fleet}${section.description}\n\n${table(
    ["fleet", "token requests", "per lifetime (target 1 with Redis)", "getToken() p99 from the local copy"],
    rows,
  )}\n\nRedis store p99 / memory store p99: ${ratio(h.ratio)} (target ≤ 2×).\n`;
}

export function overheadSection(section) {
  const title = TITLES.overhead;
  const range = (values) => `${ratio(Math.min(...values))} – ${ratio(Math.max(...values))}`;
  const rows = section.rows.map((r) => [
    r.label,
    ms(r.totalMsMedian),
    `${Math.round(r.callsPerSecond)}`,
    `${ratio(r.ratio)} (${range(r.roundRatios)})`,
  ]);
  return `${title}${section.description}\n\n${table(["side", "median time for all calls of a round", "calls/s", "ratio (target ≤ 1.05)"], rows)}\n`;
}

export function sizeSection(section) {
  const title = TITLES.size;
  const rows = section.rows.map((r) => [
    r.label,
    r.platform,
    r.error ? `not measured: ${r.error}` : kb(r.minified),
    r.error ? "—" : kb(r.gzip),
    r.error || r.own === undefined ? "—" : `${kb(r.own.gzip)}${r.own.lazy ? ` (+ ${kb(r.own.lazy.gzip)} loaded on demand)` : ""}`,
    r.budget ? `${kb(r.budget)}${r.ownBudget ? ` / ${kb(r.ownBudget)}` : ""}` : "—",
    r.error || !r.budget
      ? "—"
      : r.gzip <= r.budget && (r.own === undefined || !r.ownBudget || r.own.gzip <= r.ownBudget)
        ? "within"
        : "**over**",
  ]);
  const rules = section.rules
    .map((rule) => {
      const line = `- ${rule.why}: ${rule.verdict}`;
      if (rule.ok !== false) return line;
      const inputs = section.rows.find((r) => r.id === rule.id)?.topInputs ?? [];
      return `${line}; largest inputs (minified bytes in the bundle): ${inputs
        .slice(0, 6)
        .map((input) => `${input.path} ${kb(input.bytes)}`)
        .join(", ")}`;
    })
    .join("\n");
  const own =
    "Our own code: the same bundle with oauth4webapi, ky, valibot and the XML parser marked external. Sizes are what the entry loads, bundled with code splitting as for a web page; code behind `import()` that the entry never calls (e.g. `private_key_jwt`) is shown as loaded on demand.";
  return `${title}\n${own}\n\n${table(["bundle", "platform", "minified", "gzip", "our own code (gzip)", "budget (gzip: total / own)", ""], rows)}\n\n${rules}\n`;
}

export function importSection(section) {
  const title = TITLES.importTime;
  const rows = section.rows.map((r) =>
    r.error
      ? [r.specifier, `not measured: ${r.error}`, "—", "—", "—"]
      : [
          r.specifier,
          ms(r.importMsMedian),
          `${ms(r.importMsMin)} – ${ms(r.importMsMax)}`,
          ms(r.processMsMedian),
          ratio(r.ratioToOpenidClient),
        ],
  );
  return `${title}Median of ${section.runs} runs per module, interleaved, after one warm-up run each.\n\n${table(
    ["module", "import() median", "min – max", "whole process median", "vs openid-client"],
    rows,
  )}\n`;
}

export function optSection(section) {
  const title = TITLES.optRead;
  const rows = section.rows.map((r) =>
    r.error
      ? [r.label, `not measured: ${r.error}`, "—", "—", "—", "—"]
      : [
          r.label,
          `${ms(r.firstCallMs)} (${ratio(r.firstCallRatio)})`,
          `${ms(r.warmCallMs)} (${ratio(r.warmCallRatio)})`,
          `${mb(r.peakRssGrowthBytes)} (${ratio(r.peakRssGrowthRatio)})`,
          mb(r.heapGrowthBytes),
          mb(r.peakRssBytes),
        ],
  );
  return `${title}${section.fixture.name} (${mb(section.fixture.bytes)}); medians of ${section.processes} fresh processes per side, interleaved. Ratios are against fast-xml-parser.\n\n${table(
    ["reader", "first call", "warm call", "peak RSS growth during the call", "heap growth", "peak RSS of the process"],
    rows,
  )}\n`;
}

export function sandboxStartSection(section) {
  const title = TITLES.sandboxStart;
  if (section.error) return `${title}not measured: ${section.error}\n`;
  const rows = [
    ['`import("@cadasto/sandbox")`', ms(section.importMsMedian), "—"],
    ["`startSandbox()` (OAuth server, templates; no database yet)", ms(section.startMsMedian), mb(section.rssStartedMedian)],
    [
      "first clinical request (`POST /ehr`: loads the embedded SQLite)",
      ms(section.firstClinicalMsMedian),
      mb(section.rssFirstClinicalMedian),
    ],
    [`after ${section.commits} composition commits (peak)`, "—", mb(section.rssAfterCommitsMedian)],
  ];
  return `${title}Medians of ${section.runs} fresh node processes. The clinical database holds at most 256 MiB (then 507), so one sandbox stays under about 420 MB (measured: the RSS grows by about the database's size).\n\n${table(["step", "time", "process RSS after it"], rows)}\n`;
}

export function commitsSection(section) {
  const range = (values) => `${ratio(Math.min(...values))} – ${ratio(Math.max(...values))}`;
  const rows = section.rows.map((r) => [
    r.label,
    ms(r.totalMsMedian),
    `${Math.round(r.commitsPerSecond)}`,
    `${ratio(r.ratio)} (${range(r.roundRatios)})`,
  ]);
  return `${TITLES.openehrCommits}Measured ${section.date}. ${section.description}\n\n${table(["side", "median time for all commits of a round", "commits/s", "ratio (target ≤ 1.05)"], rows)}\n`;
}

export function rowsMemorySection(section) {
  const rows = section.rows.map((r) => [
    r.rows.toLocaleString("en"),
    r.pageSize.toLocaleString("en"),
    mb(r.peakHeapGrowthBytes),
    mb(r.afterFirstPageBytes),
    mb(r.rawPeakHeapGrowthBytes),
    ms(r.msMedian),
  ]);
  const header = ["rows", "page size", "peak heap growth (target ≤ 16 MB)", "after the first page", "raw peak, garbage included", "time"];
  return `${TITLES.rowsMemory}Measured ${section.date}. ${section.description}\n\n${table(header, rows)}\n\n- 100,000 rows against 10,000 (target: within 20%, i.e. ≤ 1.20×): ${ratio(section.ratio)} the peak heap growth from the start, ${ratio(section.afterFirstPageRatio)} after the first page\n`;
}

/** The whole report: a header with the date and machine, then one table per row of the issue. */
export function renderReport(results) {
  const m = results.machine;
  const header = `## Benchmark results\n\nMeasured ${results.date} on ${m.cpuModel} (${m.cores} cores, ${m.memoryGiB} GiB), Node ${m.node}, ${m.platform}; load average at start ${m.loadAverage.join(" / ")} (a shared machine: read the ratios, not the absolute times). Produced by \`pnpm bench\`.\n`;
  const render = {
    tokens: tokensSection,
    fleet: fleetSection,
    overhead: overheadSection,
    size: sizeSection,
    importTime: importSection,
    optRead: optSection,
    sandboxStart: sandboxStartSection,
    openehrCommits: commitsSection,
    rowsMemory: rowsMemorySection,
  };
  const sections = Object.entries(render).map(([key, fn]) => {
    const section = results[key];
    if (section === undefined) return `${TITLES[key]}_not measured in this run_\n`;
    return section.skipped ? `${TITLES[key]}_${section.skipped}_\n` : fn(section);
  });
  return `${header}\n${sections.join("\n")}`;
}
