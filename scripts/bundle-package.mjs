// Builds a package's JavaScript: one esbuild bundle per entry point, run in the
// package's folder by its `build` script after tsc has written the declarations
// (tsc -p tsconfig.build.json with emitDeclarationOnly: per-file .d.ts files).
//
// The entry points come from package.json: every "exports" target ./dist/<x>.js and
// every "bin" under dist/ is built from src/<x>.ts; a "bin" outside dist/ (a launcher,
// e.g. the sandbox's bin/cadasto-sandbox.js) adds the ../dist/<x>.js files it imports.
// Why bundles: Node's ESM loader pays per module file, so a cold import() of one file
// per source file cost 2-4 times as much as one file per entry (docs/guide/decisions.md).
//
// Every bare import stays an import (packages: "external": @cadasto/*, third-party
// packages, node: built-ins), dynamic import()s stay separate chunks loaded on demand
// (splitting; dist/_chunks/), code shared by two entries goes to a chunk both import,
// nothing is minified (consumers minify), and a bin file keeps its hashbang.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import * as esbuild from "esbuild";

const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));

/** The dist/<x>.js files package.json names, directly or through a launcher outside dist/. */
function distTargets() {
  const targets = new Set();
  const visit = (value) => {
    if (typeof value === "string") {
      if (value.endsWith(".js")) targets.add(value);
    } else if (value !== null && typeof value === "object") {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit(manifest.exports);
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const bin of bins) {
    const path = posix.normalize(bin);
    if (path.startsWith("dist/")) {
      targets.add(path);
      continue;
    }
    const launcher = readFileSync(join(packageDir, path), "utf8");
    const imported = [...launcher.matchAll(/["'](\.\.?\/[^"']*dist\/[^"']+\.js)["']/g)].map((m) => m[1]);
    if (imported.length === 0) fail(`bin ${bin} is outside dist/ and imports no dist/ file, so there is nothing to build for it`);
    for (const specifier of imported) targets.add(posix.join(posix.dirname(path), specifier));
  }
  return [...targets].map((target) => posix.normalize(target));
}

function fail(message) {
  console.error(`bundle-package (${manifest.name}): ${message}`);
  process.exit(1);
}

const entryPoints = distTargets().map((target) => {
  const match = /^dist\/(.+)\.js$/.exec(target);
  if (!match) fail(`${target} is not dist/<file>.js, so its source cannot be derived`);
  const source = `src/${match[1]}.ts`;
  if (!existsSync(join(packageDir, source))) fail(`${target} has no source ${source}`);
  return source;
});
if (entryPoints.length === 0) fail('package.json names no ./dist/<file>.js in "exports" or "bin"');

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
const BARE_CHUNK_IMPORT = /^import "\.\.?\/(?:[\w-]+\/)*_chunks\/[\w-]+\.js";\n/gm;
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.path.endsWith(".js") ? file.text.replace(BARE_CHUNK_IMPORT, "") : file.contents);
}

// A bin must stay runnable: esbuild keeps an entry's hashbang; check it did.
const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
for (const bin of bins.map((b) => posix.normalize(b)).filter((b) => b.startsWith("dist/"))) {
  const source = readFileSync(join(packageDir, bin.replace(/^dist\//, "src/").replace(/\.js$/, ".ts")), "utf8");
  const built = readFileSync(join(packageDir, bin), "utf8");
  if (source.startsWith("#!") && !built.startsWith("#!")) fail(`${bin} lost the hashbang of its source`);
}

const outputs = Object.keys(result.metafile.outputs);
const chunks = outputs.filter((name) => name.startsWith("dist/_chunks/")).length;
console.log(`${manifest.name}: ${entryPoints.length} entr${entryPoints.length === 1 ? "y" : "ies"}, ${chunks} chunk(s) in dist/_chunks/`);
