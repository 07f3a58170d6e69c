// Test helper: compares text with a golden file in test/testdata/.
// Run with UPDATE_GOLDEN=1 to (re)write the files, then review the diff.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** The path of a golden file. */
export function goldenPath(name: string): string {
  return fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));
}

/** Asserts that `actual` equals the golden file `name`. */
export function expectGolden(actual: string, name: string): void {
  const path = goldenPath(name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}
