import { createReadStream, openAsBlob, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { isOptError } from "./errors.ts";
import { type OptSource, type ReadOptOptions, readOptMetadata } from "./read_opt_metadata.ts";
import { chunkedStream, loadFixtures } from "../test/fixtures.ts";

const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);
const OE = 'xmlns="http://schemas.openehr.org/v1"';
const small = (extra = ""): string =>
  `<?xml version="1.0"?>\r\n<!-- a > b -->\n<template ${OE} note="Issues > none" other='a > "b"'>${extra}<template_id><value>K\u00f6rper &amp; \u{1F600}</value></template_id><concept><![CDATA[x > y]]></concept><definition><archetype_id><value>openEHR-EHR-COMPOSITION.a.v1</value></archetype_id></definition></template>\n`;

/** The answer of a read: the metadata, or the refusal's code, position and message. */
async function answer(source: OptSource, options?: ReadOptOptions): Promise<unknown> {
  try {
    return await readOptMetadata(source, options);
  } catch (error) {
    if (!isOptError(error)) throw error;
    return { code: error.code, line: error.line, column: error.column, message: error.message };
  }
}

/** A stream of `bytes` cut at `cuts` (sorted offsets). */
function cutStream(bytes: Uint8Array, cuts: readonly number[]): ReadableStream<Uint8Array> {
  const pieces = [0, ...cuts, bytes.length].slice(1).map((end, i, ends) => bytes.slice(i === 0 ? 0 : (ends[i - 1] ?? 0), end));
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

/** Every way of cutting `bytes` once, and every chunk size up to 8, against the read of the whole. */
async function expectEverySplitAlike(source: string, options?: ReadOptOptions): Promise<unknown> {
  const bytes = bytesOf(source);
  const whole = await answer(bytes, options);
  if (options?.maxBytes === undefined) expect(await answer(source, options)).toEqual(whole);
  for (let at = 0; at <= bytes.length; at += 1) expect(await answer(cutStream(bytes, [at]), options), `cut at ${at}`).toEqual(whole);
  for (let size = 1; size <= 8; size += 1) expect(await answer(chunkedStream(bytes, size), options), `chunks of ${size}`).toEqual(whole);
  return whole;
}

describe("readOptMetadata() gives the same answer for every split of a stream", () => {
  it("reads a `>` inside quoted attribute values, a comment and CDATA across every chunk boundary", async () => {
    expect(await expectEverySplitAlike(small())).toMatchObject({ templateId: "Körper & 😀", concept: "x > y" });
  });

  it("refuses broken files alike at every split: a bad attribute, an undefined entity, a truncated file, invalid UTF-8", async () => {
    for (const source of [
      small(' bad="a < b"'),
      small(" x='&nbsp;'"),
      small().slice(0, 180),
      `${small()}<x/>`,
      `${small().slice(0, 120)}\uFFFE${small().slice(120)}`,
    ]) {
      expect(await expectEverySplitAlike(source)).toMatchObject({ code: "not_xml" });
    }
    const latin1 = Uint8Array.from(small(), (c) => c.charCodeAt(0) & 0xff);
    const whole = await answer(latin1);
    expect(whole).toMatchObject({ code: "not_xml", message: expect.stringContaining("UTF-8") });
    for (let at = 0; at <= latin1.length; at += 1) expect(await answer(cutStream(latin1, [at]))).toEqual(whole);
  });

  it("refuses a token over the limit at the same place at every split", async () => {
    const long = small(`<other huge="${"x".repeat(200)}"/>`);
    expect(await expectEverySplitAlike(long, { maxTokenLength: 120 })).toMatchObject({ code: "too_large" });
    expect(
      await expectEverySplitAlike(small("<![CDATA[ a long piece of character data, longer than the limit ]]>"), { maxTokenLength: 60 }),
    ).toMatchObject({ code: "too_large" });
    expect(await expectEverySplitAlike(small(), { maxTokenLength: 120 })).toMatchObject({ templateId: "Körper & 😀" });
    expect(await expectEverySplitAlike(small(), { maxBytes: 100 })).toMatchObject({ code: "too_large" });
  });
});

describe("readOptMetadata() reads a real file through Node's file streams", () => {
  const dir = mkdtempSync(join(tmpdir(), "cadasto-opt-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A real 205 KB fixture grown to about 269 KB, with a `>` in a quoted attribute 3 bytes before createReadStream's 64 KiB chunk boundary.
  const fixture = loadFixtures().find((f) => f.file === "Demo_Vitals.opt");
  if (fixture === undefined) throw new Error("no Demo_Vitals fixture");
  const padded = new TextDecoder("utf-8", { ignoreBOM: true }).decode(fixture.bytes);
  const at = padded.indexOf(">", padded.indexOf("<template "));
  const head = new TextEncoder().encode(padded.slice(0, at)).length;
  const attribute = ` note="Issues ${"-".repeat(65_533 - head - ' note="Issues '.length)}> none"`;
  const source = `${padded.slice(0, at)}${attribute}${padded.slice(at)}`;
  const bytes = bytesOf(source);
  const file = join(dir, "IDCR_grown.opt");
  writeFileSync(file, bytes);

  it("builds the case: about 269 KB, the `>` at byte 65,533", () => {
    expect(bytes.length).toBeGreaterThan(265_000);
    expect(bytes.length).toBeLessThan(275_000);
    expect(bytes[65_533]).toBe(">".charCodeAt(0));
    expect(source.slice(source.indexOf("> none") - 3, source.indexOf("> none") + 6)).toBe("---> none");
  });

  it("reads it alike as bytes, through Readable.toWeb(createReadStream()) and through fs.openAsBlob", async () => {
    const expected = {
      templateId: fixture.templateId,
      concept: fixture.concept,
      archetypeId: fixture.archetypeId,
      uid: fixture.uid,
      language: fixture.language,
    };
    expect(await readOptMetadata(bytes)).toEqual(expected);
    expect(await readOptMetadata(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>)).toEqual(expected);
    expect(await readOptMetadata(await openAsBlob(file))).toEqual(expected);
  });
});

describe("readOptMetadata() bounds a streamed read", () => {
  it("refuses a 2 MiB attribute value as too_large, whole and streamed, at the same place", async () => {
    const source = small(` huge="${"x".repeat(2 * 2 ** 20)}"`);
    const whole = await answer(source);
    expect(whole).toMatchObject({ code: "too_large", line: 3 });
    expect(await answer(chunkedStream(bytesOf(source), 65_536))).toEqual(whole);
    expect(await answer(chunkedStream(bytesOf(source), 1000))).toEqual(whole);
  });

  it("refuses 3 MiB of whitespace after the root as too_large, and reads it when the limit allows", async () => {
    const source = `${small()}${" ".repeat(3 * 2 ** 20)}`;
    expect(await answer(chunkedStream(bytesOf(source), 65_536))).toMatchObject({ code: "too_large" });
    expect(await answer(source, { maxTokenLength: 4 * 2 ** 20 })).toMatchObject({ templateId: "Körper & 😀" });
  });

  it("refuses a file beyond maxBytes without reading the rest of the stream", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(bytesOf(pulled === 1 ? `<template ${OE}>` : "<a>text</a>".repeat(100)));
      },
    });
    expect(await answer(endless, { maxBytes: 100_000 })).toMatchObject({
      code: "too_large",
      message: expect.stringContaining("100000 bytes"),
    });
    expect(pulled).toBeLessThan(100);
  });

  it("refuses a string beyond maxBytes characters, as the same bytes are refused", async () => {
    const source = small();
    expect(await answer(source, { maxBytes: 150 })).toMatchObject({
      code: "too_large",
      message: expect.stringContaining("150 characters"),
    });
    expect(await answer(bytesOf(source), { maxBytes: 150 })).toMatchObject({
      code: "too_large",
      message: expect.stringContaining("150 bytes"),
    });
  });
});
