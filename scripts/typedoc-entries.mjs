// The docs' typedoc entry points (apps/docs/typedoc.json) are every entry of every
// package's package.json "exports" (./dist/x.js → ./src/x.ts), each package after the
// workspace packages it depends on: typedoc documents a name re-exported by several entry
// points (openehr re-exports rest's errors) under the first one, which must be its home.
// `node scripts/typedoc-entries.mjs` fails when the list is out of step; `--write` fixes it.
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceEntries, workspacePackages } from "./packages.mjs";

const docsDir = fileURLToPath(new URL("../apps/docs/", import.meta.url));
const configFile = join(docsDir, "typedoc.json");

function dependenciesFirst(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg]));
  const ordered = [];
  const visit = (pkg, path = new Set()) => {
    if (ordered.includes(pkg) || path.has(pkg)) return;
    path.add(pkg);
    const { dependencies = {}, peerDependencies = {} } = pkg.manifest;
    for (const name of Object.keys({ ...dependencies, ...peerDependencies }).sort()) {
      const dependency = byName.get(name);
      if (dependency !== undefined) visit(dependency, path);
    }
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg);
  return ordered;
}

const problems = [];
const expected = dependenciesFirst(workspacePackages()).flatMap((pkg) =>
  sourceEntries(pkg, problems).map((entry) => relative(docsDir, entry.file).replaceAll("\\", "/")),
);
if (problems.length > 0) {
  console.error(`typedoc entry points:\n${problems.join("\n")}`);
  process.exit(1);
}
const config = JSON.parse(readFileSync(configFile, "utf8"));
if (process.argv.includes("--write")) {
  writeFileSync(configFile, `${JSON.stringify({ ...config, entryPoints: expected }, null, 2)}\n`);
  console.log(`wrote ${expected.length} entry points to apps/docs/typedoc.json`);
} else if (JSON.stringify(config.entryPoints) !== JSON.stringify(expected)) {
  console.error(
    `apps/docs/typedoc.json entryPoints are out of step with the packages' exports: run node scripts/typedoc-entries.mjs --write\n  want: ${expected.join(", ")}\n  have: ${(config.entryPoints ?? []).join(", ")}`,
  );
  process.exit(1);
} else {
  console.log(`ok    apps/docs/typedoc.json lists every package entry point (${expected.length})`);
}
