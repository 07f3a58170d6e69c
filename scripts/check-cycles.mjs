#!/usr/bin/env node
// Fails (exit 1) when the TypeScript sources of the package in the current
// directory import each other in a circle, type-only imports included (a type
// circle is still two modules that cannot be understood one without the other).
// Every package's `lint` runs it after Biome, so a circle fails CI.
//
// Usage (from a package directory): node ../../scripts/check-cycles.mjs [glob …]   (default: src/**/*.ts)
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parseCircular, parseDependencyTree, prettyCircular } from "dpdm";

const cwd = process.cwd();
const globs = process.argv.length > 2 ? process.argv.slice(2) : ["src/**/*.ts"];
const tsconfig = join(cwd, "tsconfig.json");
const tree = await parseDependencyTree(globs, {
  context: cwd,
  cwd,
  transform: false,
  skipDynamicImports: false,
  tsconfig: existsSync(tsconfig) ? tsconfig : undefined,
});
if (Object.keys(tree).length === 0) {
  console.error(`check-cycles: no file matches ${globs.join(" ")} in ${cwd}`);
  process.exit(1);
}
const circles = parseCircular(tree);
if (circles.length > 0) {
  console.error(
    `check-cycles: ${basename(cwd)} has ${circles.length} import cycle(s); break each by moving the shared part into its own module:`,
  );
  console.error(prettyCircular(circles, "  "));
  process.exit(1);
}
