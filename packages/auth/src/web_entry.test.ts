import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** Every module specifier the files reachable from `entry` import (relative ones followed). */
function importsReachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(
      /(?:import|export)[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
    )) {
      if (specifier === undefined) continue;
      specifiers.add(specifier);
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
    }
  };
  visit(entry);
  return specifiers;
}

test("the main entry pulls in no Node built-in (browser bundles stay clean); only @cadasto/auth/node reads files", () => {
  const main = [...importsReachableFrom(join(here, "mod.ts"))];
  expect(main.filter((s) => s.startsWith("node:") || s.includes("/node/"))).toEqual([]);
  expect(main).toContain("./cadasto_from_env.ts");
  expect([...importsReachableFrom(join(here, "node/mod.ts"))]).toContain("node:fs/promises");
});
