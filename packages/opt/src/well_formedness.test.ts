// readOptMetadata() says "not well-formed" exactly when a conformant parser does.
// The oracle is libxml2 (through libxml2-wasm, a test-only dependency): a parser
// independent of saxes, which the reader uses, so the two can disagree and the test
// can fail. Inputs are seeded mutations of the real fixtures, so every run is the same.
import { ParseOption, XmlDocument } from "libxml2-wasm";
import { describe, expect, it } from "vitest";
import { isOptError } from "./errors.ts";
import { readOptMetadata } from "./read_opt_metadata.ts";
import { loadFixtures } from "../test/fixtures.ts";

const OE = 'xmlns="http://schemas.openehr.org/v1"';
const valid = (inner: string, attributes = ""): string =>
  `<template ${OE}${attributes}><template_id><value>t.v1</value></template_id><concept>${inner}</concept><definition><archetype_id><value>openEHR-EHR-COMPOSITION.a.v1</value></archetype_id></definition></template>`;

/**
 * libxml2's verdict on `bytes` as UTF-8 (the declared encoding is ignored, as the reader
 * ignores it). One libxml2 diagnostic is not a well-formedness error and is left out: a
 * namespace name that is not a valid URI (its code is XML_WAR_NS_URI, a warning reported at
 * error level; Namespaces in XML makes no constraint of it, and saxes accepts it).
 */
function libxml2WellFormed(bytes: Uint8Array): boolean {
  try {
    XmlDocument.fromBuffer(bytes, { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_IGNORE_ENC }).dispose();
    return true;
  } catch (error) {
    const details = (error as { details?: Array<{ message: string }> }).details ?? [];
    return details.length > 0 && details.every((d) => / is not a valid URI\n?$/.test(d.message));
  }
}

/** Our verdict: `false` for not_xml (the reason too), `true` for anything else. */
async function ours(bytes: Uint8Array): Promise<{ wellFormed: boolean; reason?: string }> {
  try {
    await readOptMetadata(bytes);
    return { wellFormed: true };
  } catch (error) {
    if (!isOptError(error)) throw error;
    if (error.code === "not_xml") return { wellFormed: false, reason: error.message };
    if (error.code === "too_large") throw error;
    return { wellFormed: true };
  }
}

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("readOptMetadata() on what the issue found", () => {
  const refused: Array<[string, string]> = [
    ["< in an attribute value", valid("x", ' a="x < y"')],
    ["a bare & in an attribute value", valid("x", ' a="salt & pepper"')],
    ["&nbsp; in an attribute value", valid("x", ' a="&nbsp;"')],
    ["&#0; in an attribute value", valid("x", ' a="&#0;"')],
    ["&#0; in text", valid("&#0;")],
    ["&#xD800; in text", valid("&#xD800;")],
    ["&#xFFFE; in text", valid("&#xFFFE;")],
    ["&#x110000; in text", valid("&#x110000;")],
    ["a DOCTYPE inside the root", valid("<!DOCTYPE template>")],
  ];
  for (const [what, source] of refused) {
    it(`refuses ${what}, as libxml2 does`, async () => {
      expect(libxml2WellFormed(encode(source))).toBe(false);
      expect(await ours(encode(source))).toMatchObject({ wellFormed: false });
    });
  }

  it("accepts an element name with U+00B7 (a NameChar), as libxml2 does", async () => {
    const source = valid("x").replace("<definition>", "<a\u00b7b>y</a\u00b7b><definition>");
    expect(libxml2WellFormed(encode(source))).toBe(true);
    expect(await readOptMetadata(source)).toMatchObject({ concept: "x" });
  });

  it('refuses a DOCTYPE with an internal subset with "DOCTYPE is not allowed", though it is well-formed', async () => {
    const source = `<!DOCTYPE template [<!ENTITY e "entity text">]>\n${valid("&e;")}`;
    expect(libxml2WellFormed(encode(source))).toBe(true);
    const verdict = await ours(encode(source));
    expect(verdict.reason).toMatch(/^The OPT is not well-formed XML: DOCTYPE is not allowed/);
    expect(verdict.reason).toContain("line 1");
  });
});

// Pieces that hit XML's edge cases, inserted or substituted at random places.
const PIECES = [
  "<",
  ">",
  "&",
  ";",
  '"',
  "'",
  "=",
  "/",
  "!",
  "?",
  "-",
  "[",
  "]",
  ":",
  "#",
  " ",
  "\t",
  "\r",
  "\n",
  "x",
  "1",
  "&amp;",
  "&lt;",
  "&nbsp;",
  "&#0;",
  "&#9;",
  "&#xD800;",
  "&#xFFFE;",
  "&#x110000;",
  "&#x1F600;",
  "&e;",
  "]]>",
  "--",
  "<!--",
  "-->",
  "<![CDATA[",
  "<?pi x?>",
  '<?xml version="1.0"?>',
  "<!DOCTYPE t>",
  "<x/>",
  "</x>",
  "<p:x/>",
  ' xmlns:p="u"',
  ' a="1"',
  ' xmlns=""',
  "xml:",
  "\u00b7",
  "\u0301",
  "\uFFFE",
  "\u0001",
  "\u0085",
  "\u2028",
  "\u{1F600}",
  "\u00e9",
];

/** A seeded generator (mulberry32): the same mutations on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(source: string, next: () => number): string {
  let out = source;
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e += 1) {
    // Bias half the edits into markup (just after a "<"), where most of XML's rules live.
    let at = Math.floor(next() * out.length);
    if (next() < 0.5) {
      const lt = out.indexOf("<", at);
      if (lt >= 0) at = Math.min(out.length, lt + 1 + Math.floor(next() * 12));
    }
    const piece = PIECES[Math.floor(next() * PIECES.length)] ?? "";
    const kind = next();
    if (kind < 0.4) out = out.slice(0, at) + piece + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
    else out = out.slice(0, at) + piece + out.slice(at + 1);
  }
  return out;
}

/** The changed middle of `after` against `before`, with some context. */
function diff(before: string, after: string): string {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end += 1;
  return after.slice(Math.max(0, start - 40), after.length - end + 40);
}

describe("readOptMetadata() agrees with libxml2 on seeded mutations of the fixtures", () => {
  const bases = loadFixtures()
    .filter((f) => f.bytes.length < 100_000)
    .map((f) => ({ file: f.file, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(f.bytes) }));
  const RUNS = Number(process.env.MUTATION_RUNS ?? 3000);

  it(`says "not well-formed" exactly when libxml2 does, on ${RUNS} mutations (DOCTYPEs aside: always refused)`, async () => {
    const next = random(Number(process.env.MUTATION_SEED ?? 20_261_201));
    const disagreements: string[] = [];
    let refusedBoth = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const base = bases[run % bases.length];
      if (base === undefined) throw new Error("no fixture");
      const mutated = mutate(base.text, next);
      const bytes = encode(mutated);
      const oracle = libxml2WellFormed(bytes);
      const verdict = await ours(bytes);
      const doctype = verdict.reason?.includes("DOCTYPE is not allowed") === true;
      if (!oracle && !verdict.wellFormed) refusedBoth += 1;
      if (oracle !== verdict.wellFormed && !(doctype && /<!DOCTYPE/.test(mutated))) {
        if (process.env.DEBUG_MUTATION) console.log(JSON.stringify(diff(base.text, mutated).slice(0, 300)));
        disagreements.push(
          `run ${run} (${base.file}): libxml2 ${oracle ? "accepts" : "refuses"}, we ${verdict.wellFormed ? "accept" : `refuse: ${verdict.reason}`}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
    // The mutations must exercise both verdicts, or the comparison proves nothing.
    expect(refusedBoth).toBeGreaterThan(RUNS / 4);
    expect(refusedBoth).toBeLessThan(RUNS - RUNS / 10);
  }, 180_000);
});
