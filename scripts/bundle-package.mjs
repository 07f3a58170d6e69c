// Builds a package's JavaScript: one esbuild bundle per entry point, run in the
// package's folder by its `build` script after tsc has written the declarations
// (tsc -p tsconfig.build.json with emitDeclarationOnly: per-file .d.ts files).
//
// The entry points come from package.json: every "exports" target ./dist/<x>.js
// (sourceEntries in packages.mjs, as for JSR and the API reference) and every "bin"
// under dist/ is built from src/<x>.ts; a "bin" outside dist/ (a launcher,
// e.g. the sandbox's bin/cadasto-sandbox.js) adds the ../dist/<x>.js files it imports.
// Why bundles: Node's ESM loader pays per module file; a cold import() of
// @cadasto/auth took 40.8 ms from one file per source file, 20.8 ms bundled
// (docs/guide/decisions.md).
//
// Every bare import stays an import (packages: "external": @cadasto/*, third-party
// packages, node: built-ins), dynamic import()s stay separate chunks loaded on demand
// (splitting; dist/_chunks/), code shared by two entries goes to a chunk both import,
// nothing is minified (consumers minify), and a bin file keeps its hashbang.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import * as esbuild from "esbuild";
import { sourceEntries } from "./packages.mjs";

const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const bins = (typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {})).map((bin) => posix.normalize(bin));

function fail(message) {
  console.error(`bundle-package (${manifest.name}): ${message}`);
  process.exit(1);
}

/** The source of dist/<x>.js: src/<x>.ts. */
function sourceOf(target) {
  const match = /^dist\/(.+)\.js$/.exec(target);
  if (!match) fail(`${target} is not dist/<file>.js, so its source cannot be derived`);
  const source = `src/${match[1]}.ts`;
  if (!existsSync(join(packageDir, source))) fail(`${target} has no source ${source}`);
  return source;
}

/** The sources of the bins: a bin in dist/, or the dist/ files a launcher outside dist/ imports. */
function binSources() {
  return bins.flatMap((bin) => {
    if (bin.startsWith("dist/")) return [sourceOf(bin)];
    const launcher = readFileSync(join(packageDir, bin), "utf8");
    const imported = [...launcher.matchAll(/["'](\.\.?\/[^"']*dist\/[^"']+\.js)["']/g)].map((m) => m[1]);
    if (imported.length === 0) fail(`bin ${bin} is outside dist/ and imports no dist/ file, so there is nothing to build for it`);
    return imported.map((specifier) => sourceOf(posix.join(posix.dirname(bin), specifier)));
  });
}

const problems = [];
const exported = sourceEntries({ manifest, path: packageDir }, problems).map((entry) => posix.normalize(entry.source));
if (problems.length > 0) fail(problems.join("; "));
const entryPoints = [...new Set([...exported, ...binSources()])];

const result = await esbuild.build({
  absWorkingDir: packageDir,
  entryPoints,
  outbase: "src",
  outdir: "dist",
  chunkNames: "_chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  // neutral: no browser or node defaults (no process.env.NODE_ENV substitution, no
  // main fields); every package is external anyway.
  platform: "neutral",
  packages: "external",
  target: "es2022",
  minify: false,
  tsconfig: existsSync(join(packageDir, "tsconfig.build.json")) ? "tsconfig.build.json" : undefined,
  metafile: true,
  write: false,
  logLevel: "warning",
});

// esbuild keeps a file's place in the evaluation order with a bare `import "./_chunks/x.js"`
// where a chunk holds modules of the entry's graph whose exports the file does not use.
// Our packages have no top-level side effects ("sideEffects": false), so such an import
// does nothing, but a consumer's bundler still follows it when it splits code: esbuild
// then puts what the chunk holds (e.g. auth's private key import, used only by the
// on-demand private_key_jwt chunk) in a chunk the page loads up front. Drop them.
// (A package with side effects would need them: then they stay.)
const BARE_CHUNK_IMPORT = /^import "\.\.?\/(?:[\w-]+\/)*_chunks\/[\w-]+\.js";\n/gm;
const dropBareImports = manifest.sideEffects === false;
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const js = file.path.endsWith(".js") && dropBareImports;
  writeFileSync(file.path, js ? file.text.replace(BARE_CHUNK_IMPORT, "") : file.contents);
}

// A bin must stay runnable: esbuild keeps an entry's hashbang; check it did.
for (const bin of bins.filter((b) => b.startsWith("dist/"))) {
  const source = readFileSync(join(packageDir, sourceOf(bin)), "utf8");
  const built = readFileSync(join(packageDir, bin), "utf8");
  if (source.startsWith("#!") && !built.startsWith("#!")) fail(`${bin} lost the hashbang of its source`);
}

const outputs = Object.keys(result.metafile.outputs);
const chunks = outputs.filter((name) => name.startsWith("dist/_chunks/")).length;
console.log(`${manifest.name}: ${entryPoints.length} entr${entryPoints.length === 1 ? "y" : "ies"}, ${chunks} chunk(s) in dist/_chunks/`);
