#!/usr/bin/env node
// Package quality gates for every published (non-private) package under packages/:
//   1. `pnpm pack` contents: only dist/, bin/ (launchers), package.json, README, LICENSE, CHANGELOG
//      (README, LICENSE and CHANGELOG.md required);
//      no tests, test data or source maps that point outside the tarball; LICENSE and
//      README present; no `workspace:` ranges left in the packed package.json; every
//      `bin` file present with a `#!/usr/bin/env node` shebang.
//   2. publint --strict (warnings count as errors), on the packed tarball.
//   3. attw (@arethetypeswrong/cli) on the packed tarball, ESM-only profile.
// Packages must be built first (`pnpm build`). Exits 1 with a list of every problem.
//
// Usage: node scripts/check-packages.mjs [package-dir-name …]

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM = ["-y", "pnpm@10.34.9"];
const ATTW = join(root, "node_modules", ".bin", "attw");

const ALLOWED_TOP = /^(package\.json|README(\.md)?|LICENSE(\.md|\.txt)?|CHANGELOG\.md)$/i;
const FORBIDDEN_IN_DIST = [
  [/(^|\/)[^/]*\.test\.[cm]?[jt]sx?$|(^|\/)[^/]*\.test\.d\.[cm]?ts$/, "a test file"],
  [/(^|\/)_test_[^/]*$/, "a test helper"],
  [/(^|\/)(testdata|__tests__|fixtures|__snapshots__)\//, "test data"],
  [/(^|\/)tsconfig[^/]*\.json$|\.tsbuildinfo$/, "build configuration"],
];

const only = process.argv.slice(2);
const packagesDir = join(root, "packages");
const dirs = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

const report = new Map();
const work = mkdtempSync(join(tmpdir(), "check-packages-"));
try {
  for (const dir of dirs) {
    const pkgDir = join(packagesDir, dir);
    const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    if (manifest.private === true) continue;
    const problems = [];
    report.set(manifest.name ?? dir, problems);
    if (!existsSync(join(pkgDir, "dist"))) {
      problems.push("dist/ is missing: build first (npx -y pnpm@10.34.9 exec turbo run build)");
      continue;
    }
    const tarball = pack(pkgDir, join(work, dir), problems);
    if (tarball === undefined) continue;
    const unpacked = join(work, dir, "unpacked");
    execFileSync("mkdir", ["-p", unpacked]);
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
    const base = join(unpacked, "package");
    checkContents(base, problems);
    await checkPublint(tarball, problems);
    checkAttw(tarball, problems);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

let failed = 0;
for (const [name, problems] of report) {
  if (problems.length === 0) {
    console.log(`ok    ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL  ${name}`);
    for (const problem of problems) console.log(`      - ${problem.replaceAll("\n", "\n        ")}`);
  }
}
if (report.size === 0) {
  console.error("No published package found under packages/.");
  process.exit(1);
}
console.log(failed === 0 ? `\nAll ${report.size} published packages pass.` : `\n${failed} of ${report.size} published packages fail.`);
process.exit(failed === 0 ? 0 : 1);

/** `pnpm pack` (which resolves `workspace:` ranges); returns the tarball path. */
function pack(pkgDir, destination, problems) {
  const result = spawnSync("npx", [...PNPM, "pack", "--pack-destination", destination, "--json"], {
    cwd: pkgDir,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    problems.push(`pnpm pack failed:\n${(result.stderr || result.stdout).trim()}`);
    return undefined;
  }
  const json = JSON.parse(result.stdout.slice(result.stdout.indexOf("{")));
  return resolve(destination, json.filename);
}

function listFiles(dir, prefix = "") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(join(dir, entry.name), path) : [path];
  });
}

function checkContents(base, problems) {
  const files = listFiles(base);
  const set = new Set(files);
  for (const file of files) {
    if (!file.startsWith("dist/") && !file.startsWith("bin/")) {
      if (!ALLOWED_TOP.test(file))
        problems.push(
          `pack contains ${file}: only dist/, bin/ launchers, package.json, README, LICENSE and CHANGELOG belong in the package (check "files")`,
        );
      continue;
    }
    for (const [pattern, what] of FORBIDDEN_IN_DIST) {
      if (pattern.test(file)) problems.push(`pack contains ${what}: ${file} (exclude it in tsconfig.build.json)`);
    }
    if (file.endsWith(".map")) checkSourceMap(base, file, set, problems);
  }
  if (!files.some((file) => /^README(\.md)?$/i.test(file))) problems.push("pack has no README.md");
  if (!files.includes("CHANGELOG.md"))
    problems.push('pack has no CHANGELOG.md: add "CHANGELOG.md" to "files" (changesets writes it; start it with "# <package name>")');
  if (!files.some((file) => /^LICENSE(\.md|\.txt)?$/i.test(file))) {
    problems.push("pack has no LICENSE: the MIT licence asks for its text with every copy (add packages/<name>/LICENSE)");
  }
  const manifest = JSON.parse(readFileSync(join(base, "package.json"), "utf8"));
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`packed package.json keeps ${field}.${name} = "${range}"`);
    }
  }
  const bins = typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [command, target] of Object.entries(bins)) {
    const path = posix.normalize(target);
    if (!set.has(path)) {
      problems.push(`bin ${command} points to ${target}, which is not in the pack`);
    } else if (!readFileSync(join(base, path), "utf8").startsWith("#!/usr/bin/env node")) {
      problems.push(`bin ${command} (${target}) does not start with "#!/usr/bin/env node"`);
    }
  }
}

/** A source map may ship only when every source it names ships too, or is embedded. */
function checkSourceMap(base, file, set, problems) {
  let map;
  try {
    map = JSON.parse(readFileSync(join(base, file), "utf8"));
  } catch {
    problems.push(`source map ${file} is not valid JSON`);
    return;
  }
  const sources = Array.isArray(map.sources) ? map.sources : [];
  sources.forEach((source, index) => {
    const embedded = typeof map.sourcesContent?.[index] === "string";
    const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? "", source));
    if (!embedded && (target.startsWith("..") || !set.has(target))) {
      problems.push(`source map ${file} points to ${source}, which is not in the pack (ship the source, embed it, or drop the map)`);
    }
  });
}

async function checkPublint(tarball, problems) {
  const buffer = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
    strict: true,
  });
  for (const message of messages) {
    if (message.type === "suggestion") continue;
    problems.push(`publint ${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
  }
}

function checkAttw(tarball, problems) {
  const result = spawnSync(ATTW, [tarball, "--profile", "esm-only", "--format", "ascii", "--no-color"], { encoding: "utf8" });
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim();
    problems.push(`attw --profile esm-only found problems:\n${output}`);
  }
}
