#!/usr/bin/env node
// JSR publishing for every published package (packages/* whose package.json is not
// "private": true). One rule, no list: a package's jsr.json is derived from its package.json.
//
//   node scripts/jsr.mjs sync      write packages/<dir>/jsr.json: name and version from
//                                  package.json, exports from package.json "exports" with
//                                  ./dist/<x>.js mapped to ./src/<x>.ts (src/mod.ts for ".")
//                                  and "publish.include" = src (no tests), README, LICENSE,
//                                  CHANGELOG. Run by `pnpm version-packages` after
//                                  `changeset version`, so versions stay in step.
//   node scripts/jsr.mjs check     fails when a jsr.json is missing or differs from what sync
//                                  writes; then, per package, `deno doc --lint` over its exports
//                                  and `deno publish --dry-run` (offline: see OFFLINE below).
//   node scripts/jsr.mjs publish   `deno publish` of every package (from `pnpm release`).
//
// Exit code 0 when everything passes, 1 otherwise (every problem printed).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { publishedPackages, root, sourceEntries } from "./packages.mjs";

const DENO = join(root, "node_modules", ".bin", "deno");

/** The jsr.json a package must have. */
export function jsrConfigOf(pkg, problems = []) {
  const exports = Object.fromEntries(sourceEntries(pkg, problems).map((entry) => [entry.subpath, entry.source]));
  return {
    name: pkg.manifest.name,
    version: pkg.manifest.version,
    license: pkg.manifest.license,
    exports,
    publish: {
      include: ["src/**/*.ts", "README.md", "LICENSE", "CHANGELOG.md"],
      exclude: ["src/**/*.test.ts"],
    },
  };
}

/**
 * The errors of `deno doc --lint` output, without colours and warnings, minus one known
 * false positive: `private-type-ref` on a type of a dependency (valibot's GenericSchema,
 * ky's KyInstance). Deno skips those for `npm:`/`jsr:` modules (denoland/deno#27364), but
 * here dependencies resolve through node_modules as `file:` modules, so it still reports
 * them; a type of another package is that package's to document, not ours.
 */
function docLintErrors(output, srcDir) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  const text = output.replace(/\x1b\[[0-9;]*m/g, "");
  const blocks = text.split(/\n(?=error(?:\[[\w-]+\])?: )/).filter((block) => /^error\[[\w-]+\]/.test(block.trimStart()));
  return blocks
    .map((block) => block.trim())
    .filter((block) => !block.startsWith("error[private-type-ref]") || declaredInSource(block, srcDir));
}

/** Whether the private type a private-type-ref block names is declared in the package's own src/ (then it is a real error). */
function declaredInSource(block, srcDir) {
  const name = /references private type '([\w$]+)/.exec(block)?.[1];
  if (name === undefined) return true;
  // A declaration starts its line (an `import { type KyInstance }` does not declare it).
  const declaration = new RegExp(
    `^\\s*(?:export\\s+)?(?:declare\\s+)?(type|interface|class|enum|function|const|let|var)\\s+${name.replace("$", "\\$")}\\b`,
    "m",
  );
  return sourceFiles(srcDir).some((file) => declaration.test(readFileSync(file, "utf8")));
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const format = (config) => `${JSON.stringify(config, null, 2)}\n`;

function run(args, cwd, env = {}) {
  return spawnSync(DENO, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", ...env } });
}

const command = process.argv[2];
// Deno may rewrite a package.json it finds (e.g. adding "workspaces"): refuse any such change.
const rootManifest = readFileSync(join(root, "package.json"), "utf8");
const packages = publishedPackages();
const problems = [];

if (command === "sync") {
  for (const pkg of packages) {
    writeFileSync(join(pkg.path, "jsr.json"), format(jsrConfigOf(pkg, problems)));
    console.log(`wrote packages/${pkg.dir}/jsr.json (${pkg.manifest.name}@${pkg.manifest.version})`);
  }
} else if (command === "check") {
  if (!existsSync(DENO))
    problems.push("node_modules/.bin/deno is missing: run `npx -y pnpm@10.34.9 install` (the deno package is a devDependency)");
  for (const pkg of packages) {
    const file = join(pkg.path, "jsr.json");
    const want = format(jsrConfigOf(pkg, problems));
    if (!existsSync(file)) {
      problems.push(`packages/${pkg.dir}/jsr.json is missing: run \`node scripts/jsr.mjs sync\``);
      continue;
    }
    if (readFileSync(file, "utf8") !== want) {
      problems.push(`packages/${pkg.dir}/jsr.json is out of step with package.json: run \`node scripts/jsr.mjs sync\``);
    }
    if (problems.length > 0 && !existsSync(DENO)) continue;
    const entries = Object.values(JSON.parse(want).exports);
    const lint = run(["doc", "--lint", ...entries], pkg.path);
    const lintErrors = lint.status === 0 ? [] : docLintErrors(`${lint.stderr}${lint.stdout}`, join(pkg.path, "src"));
    if (lint.status !== 0 && lintErrors.length === 0)
      console.log(`ok    deno doc --lint ${pkg.manifest.name} (only private-type-ref on dependencies' types, see docLintErrors)`);
    else if (lintErrors.length > 0) problems.push(`${pkg.manifest.name}: deno doc --lint failed:\n${lintErrors.join("\n")}`);
    else console.log(`ok    deno doc --lint ${pkg.manifest.name}`);
    const dry = run(["publish", "--dry-run", "--allow-dirty"], pkg.path);
    if (dry.status !== 0) problems.push(`${pkg.manifest.name}: deno publish --dry-run failed:\n${(dry.stderr + dry.stdout).trim()}`);
    else console.log(`ok    deno publish --dry-run ${pkg.manifest.name}`);
  }
} else if (command === "publish") {
  for (const pkg of packages) {
    const result = spawnSync(DENO, ["publish"], { cwd: pkg.path, stdio: "inherit" });
    if (result.status !== 0) problems.push(`${pkg.manifest.name}: deno publish failed (exit ${result.status})`);
  }
} else {
  console.error("Usage: node scripts/jsr.mjs sync|check|publish");
  process.exit(2);
}

if (readFileSync(join(root, "package.json"), "utf8") !== rootManifest) {
  writeFileSync(join(root, "package.json"), rootManifest);
  problems.push("deno changed the root package.json (restored): check the deno.json workspace settings");
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`FAIL  ${problem.replaceAll("\n", "\n      ")}`);
  process.exit(1);
}
