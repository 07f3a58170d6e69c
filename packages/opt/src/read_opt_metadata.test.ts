import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isOptError, type OptErrorCode } from "./errors.ts";
import { type OptSource, type ReadOptOptions, readOptMetadata } from "./read_opt_metadata.ts";
import { chunkedStream, FIXTURES_DIR, loadFixtures } from "../test/fixtures.ts";

const fixtures = loadFixtures();
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);
const fixture = (file: string) => {
  const found = fixtures.find((f) => f.file === file);
  if (!found) throw new Error(`no fixture ${file}`);
  return found;
};
const OE = 'xmlns="http://schemas.openehr.org/v1"';
/** A small valid OPT skeleton; `parts` replace its pieces. */
function opt(parts: { rootTemplateId?: string; concept?: string; body?: string; tail?: string } = {}): string {
  const rootTemplateId = parts.rootTemplateId ?? "<template_id><value>small.v1</value></template_id>";
  const concept = parts.concept ?? "<concept>Small</concept>";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<template ${OE}>\n<language><terminology_id><value>ISO_639-1</value></terminology_id><code_string>en</code_string></language>\n<uid><value>711d7d49-b3c6-4a6a-a6b4-a4bd02fc353d</value></uid>\n${rootTemplateId}\n${concept}\n${parts.body ?? "<definition><archetype_id><value>openEHR-EHR-COMPOSITION.minimal.v1</value></archetype_id><template_id><value>nested.v1</value></template_id></definition>"}\n</template>${parts.tail ?? "\n"}`;
}

async function refusal(
  input: OptSource,
  options?: ReadOptOptions,
): Promise<{ code: OptErrorCode; line: number | undefined; column: number | undefined; message: string }> {
  try {
    await readOptMetadata(input, options);
  } catch (error) {
    if (!isOptError(error)) throw error;
    return { code: error.code, line: error.line, column: error.column, message: error.message };
  }
  throw new Error("readOptMetadata() accepted the input");
}

describe("readOptMetadata() on the real fixtures", () => {
  it("finds every .opt file of the fixtures folder listed in SOURCES.md", () => {
    const files = readdirSync(FIXTURES_DIR).filter((name) => name.endsWith(".opt"));
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(fixtures.map((f) => f.file).sort()).toEqual(files.sort());
  });
  for (const f of fixtures) {
    const expected = { templateId: f.templateId, concept: f.concept, archetypeId: f.archetypeId, uid: f.uid, language: f.language };
    it(`reads ${f.file} from bytes as SOURCES.md states`, async () => {
      expect(await readOptMetadata(f.bytes)).toEqual(expected);
    });
    it(`reads ${f.file} from a string, an ArrayBuffer, a Blob and a stream of 4 KiB chunks alike`, async () => {
      expect(await readOptMetadata(text(f.bytes))).toEqual(expected);
      expect(await readOptMetadata(f.bytes.slice().buffer)).toEqual(expected);
      expect(await readOptMetadata(new Blob([f.bytes.slice()]))).toEqual(expected);
      expect(await readOptMetadata(chunkedStream(f.bytes, 4096))).toEqual(expected);
    });
  }

  it("reads a stream whose 1- to 3-byte chunks split the multi-byte characters of Körpergröße", async () => {
    const f = fixture("Koerpergroesse.opt");
    for (const size of [1, 2, 3]) {
      expect((await readOptMetadata(chunkedStream(f.bytes, size))).templateId).toBe("Körpergröße");
    }
  });

  it("takes the root archetype id although nested archetype ids come first", async () => {
    const source = text(fixture("Demo_Vitals.opt").bytes);
    const firstArchetypeId = /<archetype_id>\s*<value>([^<]*)<\/value>/.exec(source)?.[1];
    expect(firstArchetypeId).not.toBe("openEHR-EHR-COMPOSITION.encounter.v1");
    expect((await readOptMetadata(source)).archetypeId).toBe("openEHR-EHR-COMPOSITION.encounter.v1");
  });

  it("reads a file that starts with a BOM (Demo_Vitals.opt) and a string that starts with U+FEFF", async () => {
    const f = fixture("Demo_Vitals.opt");
    expect([...f.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await readOptMetadata(`\uFEFF${text(f.bytes)}`)).templateId).toBe("Demo Vitals");
  });

  it("reads a CRLF copy of a fixture", async () => {
    const crlf = text(fixture("IDCR_-_Vital_Signs_Encounter.v1.opt").bytes).replaceAll("\n", "\r\n");
    expect(await readOptMetadata(crlf)).toMatchObject({
      templateId: "IDCR - Vital Signs Encounter.v1",
      archetypeId: "openEHR-EHR-COMPOSITION.encounter.v1",
    });
  });

  it("matches the openEHR namespace by URI, not by prefix (an ns2: copy of a fixture)", async () => {
    const plain = text(fixture("Koerpergroesse.opt").bytes);
    const prefixed = plain
      .replace('<template xmlns="http://schemas.openehr.org/v1">', '<ns2:template xmlns:ns2="http://schemas.openehr.org/v1">')
      .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s>/])/g, (tag, slash, name) => (name === "ns2" ? tag : `<${slash}ns2:${name}`));
    expect(prefixed).toContain("<ns2:template_id>");
    expect(prefixed).not.toContain("<template_id>");
    expect(await readOptMetadata(prefixed)).toEqual(await readOptMetadata(plain));
  });

  it("decodes the bytes as UTF-8 whatever the XML declaration says", async () => {
    const declaredLatin1 = text(fixture("Koerpergroesse.opt").bytes).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect((await readOptMetadata(bytesOf(declaredLatin1))).templateId).toBe("Körpergröße");
  });
});

describe("readOptMetadata() takes the root's own values", () => {
  it("never takes the nested definition/template_id, even when it differs", async () => {
    const source = text(fixture("minimal_evaluation.en.v1.opt").bytes);
    const at = source.lastIndexOf("<value>minimal_evaluation.en.v1</value>");
    const changed = `${source.slice(0, at)}<value>something.else.v9</value>${source.slice(at + "<value>minimal_evaluation.en.v1</value>".length)}`;
    expect(changed).toContain("something.else.v9");
    expect((await readOptMetadata(changed)).templateId).toBe("minimal_evaluation.en.v1");
  });

  it("finds the root template_id when it comes after the definition", async () => {
    const source = opt({ rootTemplateId: "" }).replace("</template>", "<template_id><value>late.v1</value></template_id></template>");
    expect((await readOptMetadata(source)).templateId).toBe("late.v1");
  });

  it("decodes entities and CDATA in values and trims surrounding whitespace", async () => {
    const source = opt({ rootTemplateId: "<template_id><value>\n  a &amp; b &#x1F600; <![CDATA[<&>]]>\n</value></template_id>" });
    expect((await readOptMetadata(source)).templateId).toBe("a & b 😀 <&>");
  });

  it("leaves uid and language undefined when the file has none", async () => {
    const source = opt()
      .replace(/<uid>.*<\/uid>/, "")
      .replace(/<language>.*<\/language>/, "");
    const meta = await readOptMetadata(source);
    expect(meta.uid).toBeUndefined();
    expect(meta.language).toBeUndefined();
  });
});

describe("readOptMetadata() refuses broken files with a code", () => {
  it("refuses plain text as not_xml with a position", async () => {
    expect(await refusal("just some text")).toMatchObject({ code: "not_xml", line: 1, column: 14 });
  });
  it("refuses an XML declaration without a root element", async () => {
    expect(await refusal('<?xml version="1.0"?>\n')).toMatchObject({ code: "not_xml", line: 2 });
  });
  it("refuses a file truncated in the middle, pointing at its end", async () => {
    const whole = text(fixture("family_history.v.1.2.3.opt").bytes);
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    const lines = cut.split("\n");
    expect(await refusal(cut)).toMatchObject({ code: "not_xml", line: lines.length });
  });
  it("refuses mismatched tags at the end of the closing tag", async () => {
    const source = opt({ body: "<definition>\n  <archetype_id></value>\n</definition>" });
    const line = source.split("\n").findIndex((l) => l.includes("<archetype_id></value>")) + 1;
    expect(await refusal(source)).toMatchObject({ code: "not_xml", line, column: "  <archetype_id></value>".length });
  });
  it("counts CRLF line ends as one line break in positions", async () => {
    const source = opt({ body: "<definition>\n  <archetype_id></value>\n</definition>" });
    const lf = await refusal(source);
    expect(await refusal(source.replaceAll("\n", "\r\n"))).toMatchObject({ line: lf.line, column: lf.column });
  });
  it("refuses an unclosed root element", async () => {
    expect((await refusal(opt().replace("</template>", ""))).code).toBe("not_xml");
  });
  it("refuses a second root element and text after the root", async () => {
    expect((await refusal(opt({ tail: "<template/>" }))).message).toMatch(/only one root \(line 8, column 21\)/);
    expect((await refusal(opt({ tail: "\ntrailing words" }))).message).toMatch(/text data outside of root node/);
  });
  it("refuses a malformed attribute", async () => {
    expect((await refusal(opt({ concept: "<concept lang=en>Small</concept>" }))).code).toBe("not_xml");
  });
  it("refuses bytes that are not UTF-8, naming the line", async () => {
    const latin1 = opt({ concept: "<concept>K\u00f6rper</concept>" });
    const bytes = Uint8Array.from(latin1, (c) => c.charCodeAt(0));
    expect(await refusal(bytes)).toMatchObject({ code: "not_xml", line: 6 });
    expect((await refusal(chunkedStream(bytes, 7))).code).toBe("not_xml");
  });
  it("refuses a stream that ends inside a UTF-8 sequence", async () => {
    const bytes = bytesOf(opt({}));
    const cut = new Uint8Array([...bytes, 0xc3]);
    expect(await refusal(chunkedStream(cut, 7))).toMatchObject({ code: "not_xml" });
    expect((await refusal(chunkedStream(cut, 7))).message).toMatch(/not valid UTF-8/);
  });
  it("refuses an entity XML does not define at the end of its reference, and a bare &", async () => {
    const source = opt({ concept: "<concept>Size&nbsp;of body</concept>" });
    const line = source.split("\n").findIndex((l) => l.includes("&nbsp;")) + 1;
    const column = (source.split("\n")[line - 1]?.indexOf("&nbsp;") ?? 0) + "&nbsp;".length;
    expect(await refusal(source)).toMatchObject({ code: "not_xml", line, column });
    expect((await refusal(source)).message).toContain("undefined entity");
    expect((await refusal(opt({ concept: "<concept>Salt & pepper; more</concept>" }))).message).toContain("write a bare & as &amp;");
    expect((await refusal(opt({ concept: "<concept>Salt & pepper</concept>" }))).code).toBe("not_xml");
    expect((await refusal(chunkedStream(bytesOf(source), 5))).code).toBe("not_xml");
    const multiline = opt({ concept: "<concept>Size\n  of &copy; body\n</concept>" });
    const at = multiline.split("\n").findIndex((l) => l.includes("&copy;")) + 1;
    expect(await refusal(multiline)).toMatchObject({ line: at, column: "  of &copy;".length });
  });
  it("refuses a control character in text at its position", async () => {
    const source = opt({ concept: "<concept>Size\u0001</concept>" });
    const line = source.split("\n").findIndex((l) => l.includes("\u0001")) + 1;
    expect(await refusal(source)).toMatchObject({ code: "not_xml", line, column: 14 });
    expect((await refusal(source)).message).toContain("disallowed character");
  });
  it('refuses "--" in a comment, "]]>" in text and a late XML declaration', async () => {
    for (const [piece, reason, end] of [
      ["<!-- one -- two -->", "malformed comment", "<!-- one --".length + 1],
      ["<!-- ends with a dash --->", "malformed comment", "<!-- ends with a dash --".length + 1],
      ["]]>", '"]]>" is disallowed', "]]>".length],
      ["<?xml version='1.0'?>", "XML declaration must be at the start", "<?xml ".length],
    ] as const) {
      const source = opt({ concept: `<concept>Size${piece}</concept>` });
      const line = source.split("\n").findIndex((l) => l.includes(piece)) + 1;
      const column = (source.split("\n")[line - 1]?.indexOf(piece) ?? 0) + end;
      expect(await refusal(source)).toMatchObject({ code: "not_xml", line, column });
      expect((await refusal(source)).message).toContain(reason);
    }
    const fine = opt({ concept: "<concept>Size<!-- a - b --><?xml-stylesheet href='x.css'?></concept>" });
    expect((await readOptMetadata(fine)).concept).toBe("Size");
  });
  it("accepts the predefined entities and character references", async () => {
    const meta = await readOptMetadata(opt({ concept: "<concept>&lt;a&gt; &amp; &apos;b&quot; &#233;&#x20AC;</concept>" }));
    expect(meta.concept).toBe("<a> & 'b\" é€");
  });
  it("refuses a root element that is not template as not_a_template", async () => {
    expect((await refusal(`<composition ${OE}/>`)).code).toBe("not_a_template");
  });
  it("refuses a template element outside the openEHR namespace as not_a_template", async () => {
    expect((await refusal(opt().replace(OE, 'xmlns="http://example.com/other"'))).code).toBe("not_a_template");
    expect((await refusal(opt().replace(` ${OE}`, ""))).code).toBe("not_a_template");
  });
  it("refuses a template without a root template_id", async () => {
    expect((await refusal(opt({ rootTemplateId: "" }))).code).toBe("missing_template_id");
    expect((await refusal(opt({ rootTemplateId: "<template_id><value> </value></template_id>" }))).code).toBe("missing_template_id");
  });
  it("refuses an empty or missing concept", async () => {
    expect((await refusal(opt({ concept: "<concept>  </concept>" }))).code).toBe("empty_concept");
    expect((await refusal(opt({ concept: "<concept/>" }))).code).toBe("empty_concept");
    expect((await refusal(opt({ concept: "" }))).code).toBe("empty_concept");
  });
  it("refuses a template without a root archetype id", async () => {
    expect((await refusal(opt({ body: "<definition/>" }))).code).toBe("missing_archetype_id");
  });
  it("locates an error in a stream exactly as in a string", async () => {
    const whole = text(fixture("Demo_Vitals.opt").bytes);
    const cut = whole.slice(0, 150_000);
    const fromString = await refusal(cut);
    const fromStream = await refusal(chunkedStream(bytesOf(cut), 1000));
    expect(fromStream).toEqual(fromString);
    expect(fromStream.line).toBeGreaterThan(100);
  });
  it("locates an error deep in a multi-chunk stream at its line and column", async () => {
    const whole = text(fixture("Anamnese.opt").bytes);
    const at = whole.indexOf("</definition>");
    const broken = `${whole.slice(0, at)}<oops></nope>${whole.slice(at)}`;
    const line = broken.slice(0, at).split("\n").length;
    const column = at - broken.lastIndexOf("\n", at - 1) + "<oops></nope>".length - 1;
    expect(line).toBeGreaterThan(1000);
    for (const size of [4096, 65_536, 1009]) {
      expect(await refusal(chunkedStream(bytesOf(broken), size))).toMatchObject({ code: "not_xml", line, column });
    }
    expect(await refusal(broken)).toMatchObject({ code: "not_xml", line, column });
  });
  it("locates every kind of error in a stream exactly as in a string, whatever the chunk size", async () => {
    const filler = "<!-- a < comment > -->\n<other a='x y' b=\"z\">text line\r\nmore text &amp; so on</other><![CDATA[ <not> ]]>\n".repeat(
      40,
    );
    const long = `<concept>${"long text with no tag ".repeat(30)}\n  then &nbsp; here</concept>`;
    const sources = [
      opt({ body: `<definition>${filler}\n  <archetype_id></value>\n</definition>` }),
      opt({ body: `<definition>${filler}\n  <archetype_id></value>\n</definition>` }).replaceAll("\n", "\r\n"),
      opt({ concept: long, body: `<definition>${filler}</definition>` }),
      opt({ concept: `<concept>${"x".repeat(500)}&bad;</concept>` }),
      opt({ body: `<definition>${filler}</definition>`, tail: "\n   trailing words" }),
      opt({ body: `<definition>${filler}</definition>`, tail: `\n${"  ".repeat(300)}trailing<x/>` }),
      opt({ body: `<definition>${filler}</definition>`, tail: "<template/>" }),
      opt({ body: `<definition>${filler}<x>Size\u0001</x></definition>` }),
      opt({ body: `<definition>${filler}<!-- one -- two --></definition>` }),
      opt({ body: `<definition>${filler}<?xml version='1.0'?></definition>` }),
      opt({ body: `<definition>${filler}<x a=1></x></definition>` }),
      opt({ body: `<definition>${filler}</definition>` }).slice(0, -40),
      opt({ body: `<definition>${filler}<!-- unclosed` }),
      opt({ body: `<definition>${filler}</definition>`, tail: "\r" }).replace("</template>", ""),
      `<!-- only a comment -->\n${filler.replace(/<other.*<\/other>/g, "")}`,
    ];
    for (const source of sources) {
      const fromString = await refusal(source);
      for (const size of [1, 2, 3, 7, 64, 333, 4096]) {
        expect(await refusal(chunkedStream(bytesOf(source), size))).toEqual(fromString);
      }
    }
  });
  it("locates invalid UTF-8 deep in a stream at the invalid byte, whatever the chunks", async () => {
    const source = bytesOf(opt({ body: `<definition>${"<x>text</x>\n".repeat(500)}</definition>` }));
    const at = source.length - 30;
    const broken = new Uint8Array([...source.slice(0, at), 0xff, ...source.slice(at)]);
    const fromBytes = await refusal(broken);
    const lines = text(broken.slice(0, at)).split("\n");
    expect(fromBytes).toMatchObject({ code: "not_xml", line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 });
    expect(fromBytes.message).toMatch(/not valid UTF-8/);
    for (const size of [1, 2, 5, 4096]) expect(await refusal(chunkedStream(broken, size))).toEqual(fromBytes);
  });
  it("reads a real U+FFFD in the text as text, and places invalid UTF-8 after it at the invalid byte", async () => {
    const source = opt({ concept: "<concept>Unknown \ufffd sign</concept>" });
    expect((await readOptMetadata(bytesOf(source))).concept).toBe("Unknown \ufffd sign");
    const before = source.slice(0, source.indexOf(" sign"));
    const broken = new Uint8Array([...bytesOf(before), 0xc3, 0x28, ...bytesOf(source.slice(before.length))]);
    const lines = before.split("\n");
    const fromBytes = await refusal(broken);
    expect(fromBytes).toMatchObject({ code: "not_xml", line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 });
    for (const size of [1, 2, 3, 7]) expect(await refusal(chunkedStream(broken, size))).toEqual(fromBytes);
  });
  it("refuses what is not an OPT source with an OptError invalid_source, not a bare TypeError", async () => {
    const error = await readOptMetadata(42 as unknown as string).catch((e: unknown) => e);
    expect(isOptError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_source" });
    expect(error).not.toBeInstanceOf(TypeError);
  });
  it("refuses a limit that is not a positive integer as invalid_source", async () => {
    expect((await refusal(opt(), { maxBytes: 0 })).code).toBe("invalid_source");
  });
});
