// Bundle sizes: each entry in bench/entries/ bundled by esbuild (ESM, minified), then gzipped.
// Shared by the benchmark (row 3) and size-check.mjs so both measure the same way.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { retryWhileRebuildingAsync } from "./available.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * The bundles we measure. `ours` entries get a budget; the others are the comparison.
 * `platform: "node"` for libraries that cannot be bundled for browsers.
 */
export const ENTRIES = [
  { id: "auth-token", label: "@cadasto/auth token only (clientCredentials + getToken)", ours: true, platform: "browser" },
  { id: "discovery", label: "@cadasto/discovery (discover + openEhrBaseUrl)", ours: true, platform: "browser" },
  { id: "templates-client", label: "@cadasto/templates client (upload + list)", ours: true, platform: "browser" },
  { id: "openehr-client", label: "@cadasto/openehr client (compositions.create + aql + rows)", ours: true, platform: "browser" },
  { id: "read-opt-metadata", label: "@cadasto/templates readOptMetadata alone", ours: true, platform: "browser" },
  { id: "credentials-request", label: "@cadasto/credentials-request (parse + email + mailto + metadata)", ours: true, platform: "browser" },
  {
    id: "quick-start",
    label: "Quick start flow, as in the README (discover + clientCredentials + templates upload/versions)",
    ours: true,
    platform: "browser",
  },
  { id: "oauth4webapi", label: "oauth4webapi alone (client credentials grant)", ours: false, platform: "browser" },
  { id: "ky", label: "ky alone", ours: false, platform: "browser" },
  { id: "openid-client", label: "openid-client client credentials", ours: false, platform: "browser" },
  { id: "msal-node", label: "@azure/msal-node ConfidentialClientApplication", ours: false, platform: "node" },
  { id: "simple-oauth2", label: "simple-oauth2 ClientCredentials", ours: false, platform: "node" },
];

/**
 * The third-party libraries our packages build on. "Our own code" is an entry bundled
 * with these marked external: what the SDK itself adds (the XML parser is saxes, under
 * @cadasto/opt's reader).
 */
export const THIRD_PARTY = ["oauth4webapi", "ky", "valibot", "saxes"];

/** Hard limits from the issues, checked beside the per-entry budgets (`own`: our own code only). */
export const RULES = [
  {
    id: "auth-token",
    atMostEntry: "openid-client",
    why: "token-only @cadasto/auth must not be larger than openid-client client credentials",
  },
  { id: "quick-start", atMostBytes: 16 * 1024, why: "the full quick start flow must fit in 16 KB min+gzip" },
  { id: "quick-start", own: true, atMostBytes: 10 * 1024, why: "our own code in the quick start must fit in 10 KB min+gzip" },
];

/**
 * Bundles one entry and measures it.
 * @returns {Promise<{ id: string, minified: number, gzip: number, topInputs: Array<{ path: string, bytes: number }> } | { id: string, error: string }>}
 */
export async function measureEntry(entry) {
  try {
    const total = await bundle(entry, []);
    if (!entry.ours) return { id: entry.id, ...total };
    const own = await bundle(entry, THIRD_PARTY);
    return { id: entry.id, ...total, own: { minified: own.minified, gzip: own.gzip, ...(own.lazy ? { lazy: own.lazy } : {}) } };
  } catch (error) {
    const first = error.errors?.[0];
    const reason = first ? `${first.text}${first.location ? ` (${first.location.file})` : ""}` : String(error.message ?? error);
    return { id: entry.id, error: reason };
  }
}

/**
 * One esbuild bundle of the entry, with `external` packages left out and code splitting on,
 * as a bundler for a web page does: what `import()` loads on demand goes to its own chunks.
 * The size is what the entry loads (its chunk and the chunks it imports statically);
 * `lazy` is the rest, loaded only by a call that needs it (e.g. `private_key_jwt`).
 */
async function bundle(entry, external) {
  const result = await esbuild.build({
    absWorkingDir: benchDir,
    entryPoints: [`entries/${entry.id}.js`],
    bundle: true,
    splitting: true,
    outdir: "out",
    format: "esm",
    platform: entry.platform,
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
    external,
  });
  const outputs = result.metafile.outputs;
  const entryName = Object.keys(outputs).find((name) => outputs[name].entryPoint !== undefined);
  const loaded = new Set();
  const visit = (name) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === "import-statement" && outputs[imported.path]) visit(imported.path);
  };
  visit(entryName);
  const files = new Map(result.outputFiles.map((file) => [file.path.slice(benchDir.length).replace(/^\//, ""), file.contents]));
  const measure = (names) => {
    const parts = names.map((name) => files.get(name)).filter(Boolean);
    const minified = parts.reduce((sum, part) => sum + part.byteLength, 0);
    const gzip = parts.reduce((sum, part) => sum + gzipSync(part, { level: 9 }).byteLength, 0);
    return { minified, gzip };
  };
  const lazyNames = Object.keys(outputs).filter((name) => !loaded.has(name) && name.endsWith(".js"));
  const topInputs = [...loaded]
    .flatMap((name) => Object.entries(outputs[name].inputs))
    .map(([path, info]) => ({ path: shortPath(path), bytes: info.bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
  const lazy = lazyNames.length === 0 ? undefined : measure(lazyNames);
  return { ...measure([...loaded]), topInputs, ...(lazy ? { lazy } : {}) };
}

/** Measures every entry (one at a time: the machine is shared). */
export async function measureAll(entries = ENTRIES) {
  const results = [];
  for (const entry of entries) {
    const measured = await retryWhileRebuildingAsync(() => measureEntry(entry));
    results.push({ ...measured, label: entry.label, ours: entry.ours, platform: entry.platform });
  }
  return results;
}

/** Paths in the metafile, shortened to the package and file (pnpm store paths are long). */
function shortPath(path) {
  const inStore = path.lastIndexOf("node_modules/");
  if (inStore >= 0) return path.slice(inStore + "node_modules/".length);
  return path.replace(/^(\.\.\/)+/, "");
}

/** The committed budgets: `{ entries: { id: gzipBytes }, own: { id: gzipBytes } }` (`own`: our own code only). */
export function readBudgets() {
  return JSON.parse(readFileSync(new URL("../budgets.json", import.meta.url), "utf8"));
}

/**
 * Checks measured sizes against the budgets and the rules.
 * @returns {{ failures: string[], rules: Array<{ id: string, why: string, ok: boolean | undefined, verdict: string }> }}
 */
export function checkBudgets(measured, budgets) {
  const byId = new Map(measured.map((m) => [m.id, m]));
  const failures = [];
  const missed = [];
  for (const [id, budget] of Object.entries(budgets.entries)) {
    const m = byId.get(id);
    if (!m) failures.push(`${id}: has a budget but no entry in bench/entries/`);
    else if (m.error) failures.push(`${id}: could not be bundled: ${m.error}`);
    else if (m.gzip > budget && !RULES.some((rule) => rule.id === id && rule.atMostBytes === budget))
      // (a budget that is a rule's own cap is reported once, by the rule below)
      failures.push(`${id}: ${m.gzip} B gzip is over its budget of ${budget} B (+${m.gzip - budget} B)`);
  }
  for (const [id, budget] of Object.entries(budgets.own ?? {})) {
    const m = byId.get(id);
    if (!m || m.error) continue; // reported above
    if (m.own === undefined) failures.push(`${id}: has an own-code budget but is not one of ours`);
    else if (m.own.gzip > budget && !RULES.some((rule) => rule.id === id && rule.own && rule.atMostBytes === budget))
      failures.push(`${id} (our own code): ${m.own.gzip} B gzip is over its budget of ${budget} B (+${m.own.gzip - budget} B)`);
  }
  const rules = RULES.map((rule) => {
    const m = byId.get(rule.id);
    const size = rule.own ? m?.own?.gzip : m?.gzip;
    const limit = rule.atMostBytes ?? byId.get(rule.atMostEntry)?.gzip;
    const limitName = rule.atMostBytes ? `${rule.atMostBytes} B` : `${rule.atMostEntry} (${limit ?? "?"} B)`;
    const name = rule.own ? `${rule.id} (our own code)` : rule.id;
    if (!m || m.error || size === undefined || limit === undefined) {
      return { ...rule, ok: undefined, verdict: `not measured (${m?.error ?? "limit unknown"})` };
    }
    const ok = size <= limit;
    if (!ok) missed.push(`${name}: ${size} B gzip misses the target "${rule.why}" (limit ${limitName})`);
    return { ...rule, ok, verdict: `${ok ? "met" : "**missed**"}: ${size} B vs ${limitName}` };
  });
  return { failures, missed, rules };
}
