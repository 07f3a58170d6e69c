// Test helper: the shared OPT fixtures and the expected values documented in
// their SOURCES.md (read from the repository, relative to this file).
import { readFileSync } from "node:fs";

export const FIXTURES_DIR: URL = new URL("../../../fixtures/templates/", import.meta.url);

export interface Fixture {
  file: string;
  bytes: Uint8Array;
  templateId: string;
  concept: string;
  archetypeId: string;
  uid: string;
  language: string;
  sha256: string;
}

/** Every fixture, with the values SOURCES.md states for it. */
export function loadFixtures(): Fixture[] {
  const sources = readFileSync(new URL("SOURCES.md", FIXTURES_DIR), "utf8");
  const sections = sources.split(/^## /m).slice(1).filter((s) => s.split("\n")[0]?.trim().endsWith(".opt"));
  return sections.map((section) => {
    const file = section.split("\n")[0]?.trim() ?? "";
    const field = (label: string): string => {
      const match = new RegExp(`^- ${label}: \`([^\`]*)\``, "m").exec(section);
      if (!match?.[1]) throw new Error(`SOURCES.md: no ${label} for ${file}`);
      return match[1];
    };
    const uidLine = /^- uid: `([^`]*)`; language: `([^`]*)`/m.exec(section);
    if (!uidLine?.[1] || !uidLine[2]) throw new Error(`SOURCES.md: no uid/language for ${file}`);
    return {
      file,
      bytes: new Uint8Array(readFileSync(new URL(file, FIXTURES_DIR))),
      templateId: field("template_id"),
      concept: field("concept"),
      archetypeId: field("root archetype_id"),
      uid: uidLine[1],
      language: uidLine[2],
      sha256: field("sha256"),
    };
  });
}

/** A byte stream that hands out `bytes` in chunks of `size` bytes. */
export function chunkedStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}
