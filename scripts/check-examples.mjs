#!/usr/bin/env node
// Type-checks every TypeScript example the project shows its users, so the docs cannot rot.
//
// Sources:
//   - ```ts blocks inside JSDoc comments of packages/*/src/**/*.ts (not tests, test helpers or testdata)
//   - ```ts blocks in docs/**/*.md (not the generated docs/api/), packages/*/README.md and README.md
// Each block becomes a standalone ES module in apps/docs/.examples/ (so `@cadasto/*`, ky and
// valibot resolve from apps/docs/node_modules, i.e. the packages' built dist/) and all of them
// are type-checked in one TypeScript program: strict, exactOptionalPropertyTypes, module
// nodenext, target ES2022, lib ES2023 + DOM, types node, top-level await allowed.
// A block opts out with the info string "ts ignore" (```ts ignore). Fences "typescript" count as ts.
//
// Usage: node scripts/check-examples.mjs [--list]
// Exit code 0 when every block type-checks, 1 otherwise (each failure printed as file:line:column).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "apps/docs/.examples");
const require = createRequire(join(root, "apps/docs/package.json"));
const ts = require("typescript");

/** Files below `dir` (relative paths from the repository root) that `keep` accepts. */
function walk(dir, keep) {
  const found = [];
  let entries;
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return found;
  }
  for (const name of entries.sort()) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) found.push(...walk(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;
const TS_LANGS = new Set(["ts", "typescript", "mts"]);

/**
 * The fenced ts blocks of markdown lines: `{ line, code, ignored }` with `line` the 1-based
 * line (in `lines`) of the first line of code.
 */
function fencedBlocks(lines) {
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, "") === "");
    const close = end === -1 ? lines.length : end;
    const info = [lang.toLowerCase().replace(/[{[].*$/, ""), ...rest.trim().toLowerCase().split(/\s+/)];
    if (TS_LANGS.has(info[0])) {
      const code = lines.slice(i + 1, close).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
      blocks.push({ line: i + 2, code: code.join("\n"), ignored: info.includes("ignore") });
    }
    i = close;
  }
  return blocks;
}

/** Blocks of a markdown file. */
function markdownBlocks(path) {
  const lines = readFileSync(join(root, path), "utf8").split(/\r?\n/);
  return fencedBlocks(lines).map((b) => ({ ...b, source: path }));
}

/** Blocks inside the JSDoc comments of a TypeScript source file. */
function jsdocBlocks(path) {
  const text = readFileSync(join(root, path), "utf8");
  const blocks = [];
  for (const match of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, match.index).split("\n").length;
    const lines = match[0].split("\n").map((l) => l.replace(/^\s*\/?\*+\/?\s?/, "").replace(/\s*\*\/$/, ""));
    for (const b of fencedBlocks(lines)) blocks.push({ ...b, line: startLine + b.line - 1, source: path });
  }
  return blocks;
}

const isSource = (p) => /\/src\/.*\.ts$/.test(p) && !/\.test\.ts$|\.d\.ts$/.test(p);
const sources = [
  ...walk("packages", isSource).flatMap(jsdocBlocks),
  ...walk("docs", (p) => p.endsWith(".md") && !p.startsWith("docs/api/")).flatMap(markdownBlocks),
  ...walk("packages", (p) => /^packages\/[^/]+\/README\.md$/.test(p)).flatMap(markdownBlocks),
  ...markdownBlocks("README.md"),
];

const checked = sources.filter((b) => !b.ignored);
if (process.argv.includes("--list")) {
  for (const b of sources) console.log(`${b.source}:${b.line}${b.ignored ? " (ignored)" : ""}`);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const byFile = new Map();
checked.forEach((block, index) => {
  const name = `${String(index).padStart(4, "0")}_${block.source.replace(/[^A-Za-z0-9]+/g, "_")}_L${block.line}.ts`;
  const file = join(outDir, name);
  writeFileSync(file, `${block.code}\n`);
  byFile.set(file, block);
});

const options = {
  strict: true,
  exactOptionalPropertyTypes: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
  typeRoots: [join(root, "node_modules/@types")],
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
};
// apps/docs/package.json says "type": "module", so each example is an ES module (top-level await).
const program = ts.createProgram([...byFile.keys()], options);
const diagnostics = ts.getPreEmitDiagnostics(program);

let failures = 0;
const failedBlocks = new Set();
for (const d of diagnostics) {
  const block = d.file ? byFile.get(resolve(d.file.fileName)) : undefined;
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
  if (!block || !d.file || d.start === undefined) {
    console.error(`${d.file ? relative(root, d.file.fileName) : "tsc"}: TS${d.code}: ${message}`);
    failures++;
    continue;
  }
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  console.error(`${block.source}:${block.line + line}:${character + 1}: TS${d.code}: ${message}`);
  failedBlocks.add(block);
  failures++;
}

const skipped = sources.length - checked.length;
const summary = `${checked.length} examples type-checked (${skipped} marked "ts ignore"), from ${new Set(sources.map((b) => b.source)).size} files`;
if (failures > 0) {
  console.error(
    `\n${failedBlocks.size} of ${checked.length} examples fail (${failures} errors). ${summary}. Generated modules: ${relative(root, outDir)}/`,
  );
  process.exit(1);
}
console.log(`ok: ${summary}.`);
