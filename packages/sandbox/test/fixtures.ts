import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** The repository's real OPT fixtures (attribution: fixtures/templates/SOURCES.md). */
const FIXTURES = fileURLToPath(new URL("../../../fixtures/templates/", import.meta.url));

/** Reads one fixture's bytes, e.g. `"Demo_Vitals.opt"`. */
export async function fixture(name: string): Promise<Buffer<ArrayBuffer>> {
  const bytes = await readFile(`${FIXTURES}${name}`);
  return Buffer.from(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
