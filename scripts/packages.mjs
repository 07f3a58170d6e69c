// The workspace's packages, found, never listed: every packages/<dir> with a package.json.
// One implementation for the scripts that need them (JSR configs, the errors reference,
// the consumer check, the API reference's entry points).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = join(root, "packages");

/** Every package: `{ dir, path, manifest }`, sorted by directory name. */
export function workspacePackages() {
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")))
    .map((entry) => {
      const path = join(packagesDir, entry.name);
      return { dir: entry.name, path, manifest: JSON.parse(readFileSync(join(path, "package.json"), "utf8")) };
    })
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The packages that are published (no `"private": true`). */
export function publishedPackages() {
  return workspacePackages().filter(({ manifest }) => manifest.private !== true);
}

/**
 * A package's entry points from its package.json "exports", each built file mapped to its
 * source (`./dist/x.js` → `./src/x.ts`): `[{ subpath, specifier, source, file }]`, "." first.
 * `source` is relative to the package, `file` absolute. Problems go to `problems`.
 */
export function sourceEntries({ manifest, path }, problems = []) {
  const entries = typeof manifest.exports === "string" ? { ".": manifest.exports } : (manifest.exports ?? {});
  const found = [];
  for (const [subpath, value] of Object.entries(entries)) {
    if (subpath === "./package.json") continue;
    const target = typeof value === "string" ? value : (value?.default ?? value?.import);
    const match = typeof target === "string" ? /^\.\/dist\/(.+)\.js$/.exec(target) : null;
    if (!match) {
      problems.push(
        `${manifest.name}: export "${subpath}" (${JSON.stringify(target)}) is not ./dist/<file>.js, so its source cannot be derived`,
      );
      continue;
    }
    const source = `./src/${match[1]}.ts`;
    if (!existsSync(join(path, source))) problems.push(`${manifest.name}: export "${subpath}" maps to ${source}, which does not exist`);
    found.push({
      subpath,
      specifier: subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      source,
      file: join(path, source),
    });
  }
  if (!found.some((entry) => entry.subpath === "."))
    problems.push(`${manifest.name}: no "." export (package.json "exports" must name ./dist/mod.js)`);
  return found.sort((a, b) => (a.subpath === "." ? -1 : b.subpath === "." ? 1 : a.subpath.localeCompare(b.subpath)));
}
