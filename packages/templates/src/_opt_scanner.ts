// The OPT scanner: drives saxen (namespace aware, SAX style) over an OPT and
// keeps only the few values readOptMetadata needs. Elements are matched by
// namespace URI (saxen renames every element of the openEHR namespace to the
// `oe:` prefix, whatever prefix the file uses). Text is collected only inside
// the handful of elements we want, so the 4 MB files cost no string building.
/// <reference path="./_saxen.d.ts" />
import { type ContextGetter, Parser, type SaxenContext } from "saxen";
import { OptError } from "./errors.ts";

const OPENEHR_NS = "http://schemas.openehr.org/v1";
const P = "oe:";
const ROOT = `${P}template`;
const VALUE = `${P}value`;
/** Saxen's message for text before or after the root element (a warning in saxen, an error here). */
/** A character XML 1.0 forbids in a document (C0 controls but tab, LF, CR; U+FFFE, U+FFFF). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/**
 * The position of `text[index]`, given where saxen says the text ends. On an
 * earlier line of a multi-line text, the column counts from that line's start
 * (from the text's own start when it is the text's first line).
 */
function endRelative(text: string, index: number, end: { line: number; column: number }): { line: number; column: number } {
  const before = text.slice(0, index);
  const after = text.slice(index);
  const linesAfter = after.split("\n").length - 1;
  if (linesAfter === 0) return { line: end.line, column: end.column - after.length };
  return { line: end.line - linesAfter, column: index - (before.lastIndexOf("\n") + 1) };
}

/** An `&` that does not start one of XML's predefined entities or a character reference. */
const BAD_REFERENCE = /&(?!(?:lt|gt|amp|apos|quot|#[0-9]+|#x[0-9a-fA-F]+);)/;
const OUTSIDE_ROOT = "non-whitespace outside of root node";
/** Saxen errors found at the end of the input: their position is the end of the document. */
const AT_END = new Set(["unexpected end of file", "missing start tag", "unclosed tag", "unclosed comment", "unclosed cdata", "unclosed question"]);

/** What the scanner found; strings are trimmed. */
export interface ScanResult {
  rootName: string | undefined;
  templateId: string | undefined;
  concept: string | undefined;
  archetypeId: string | undefined;
  uid: string | undefined;
  language: string | undefined;
}

type Field = "templateId" | "concept" | "archetypeId" | "uid" | "language";

/** A position in a text: 1-based line and column (columns count UTF-16 code units). */
export function positionAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.min(index, text.length) - lineStart + 1 };
}

/** Where a text starts within a whole document: its line (0-based count of line breaks before it) and the offset of that line's start. */
interface Origin {
  readonly offset: number;
  readonly line: number;
  readonly lineStart: number;
}

/** `origin` moved over `text.slice(0, end)` (line breaks counted as `positionAt` counts them). */
function advance(origin: Origin, text: string, end: number): Origin {
  let { line, lineStart } = origin;
  const cr = text.indexOf("\r");
  if (cr === -1 || cr >= end) {
    // LF only (the usual case): let indexOf find them.
    for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = origin.offset + i + 1;
    }
    return { offset: origin.offset + end, line, lineStart };
  }
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = origin.offset + i + 1;
    }
  }
  return { offset: origin.offset + end, line, lineStart };
}

/**
 * How much of `xml` saxen's streaming `write` consumes: the index of the
 * remainder it buffers for the next chunk (an incomplete comment, CDATA
 * section, processing instruction or tag, or the text after the last tag).
 * This mirrors saxen's own scan (saxen 11, `parse` with `streaming`), which
 * does not expose its buffer; the tests compare streamed and whole positions.
 */
function consumedBySaxen(xml: string): number {
  let j = 0;
  for (;;) {
    const i = xml.indexOf("<", j);
    if (i === -1) return j;
    const w = xml.charCodeAt(i + 1);
    if (w === 33) {
      const q = xml.charCodeAt(i + 2);
      if (q === 91 && xml.startsWith("CDATA[", i + 3)) {
        const end = xml.indexOf("]]>", i);
        if (end === -1) return i;
        j = end + 3;
        continue;
      }
      if (q === 45 && xml.charCodeAt(i + 3) === 45) {
        const end = xml.indexOf("-->", i);
        if (end === -1) return i;
        j = end + 3;
        continue;
      }
    }
    if (w === 63) {
      const end = xml.indexOf("?>", i);
      if (end === -1) return i;
      j = end + 2;
      continue;
    }
    let x = i + 1;
    for (;; x++) {
      const v = xml.charCodeAt(x);
      if (Number.isNaN(v)) return i;
      if (v === 34 || v === 39) {
        const q = xml.indexOf(v === 34 ? '"' : "'", x + 1);
        if (q !== -1) x = q;
      } else if (v === 62) {
        break;
      }
    }
    j = x + 1;
  }
}

/** Decodes the predefined entities and character references in collected text. */
function decodeText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (whole, dec, hex, name) => {
    if (name) return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? whole;
    const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Scans one document. Feed it either whole (`scanWhole`) or in pieces
 * (`write` … `end`); `failure` holds the first problem found.
 */
export class OptScanner {
  readonly result: ScanResult = {
    rootName: undefined,
    templateId: undefined,
    concept: undefined,
    archetypeId: undefined,
    uid: undefined,
    language: undefined,
  };
  /** The first problem, with its position in the whole document. */
  failure: OptError | undefined;
  /** Whether scanning stopped early (not a template, or an error). */
  done = false;

  readonly #parser: Parser;
  #depth = 0;
  #rootSeen = false;
  /** The root child we are inside (depth ≥ 2), e.g. `oe:definition`. */
  #section = "";
  /** Inside `definition/archetype_id`. */
  #inArchetypeId = false;
  #capture: Field | undefined;
  #captureDepth = 0;
  #buffer = "";
  /** Whether anything (a tag, text, comment or processing instruction) came before. */
  #seen = false;
  #text = "";
  /** Whether the document is fed with `write` (saxen's positions are then relative to its buffer). */
  #streaming = false;
  /** Whether saxen is parsing its last buffer (`end`). */
  #ending = false;
  /** Streaming: where saxen's buffer starts in the document. */
  #origin: Origin = { offset: 0, line: 0, lineStart: 0 };
  /** Streaming: the text saxen still buffers (and, during `write`, the piece written), never the text it consumed. */
  #pending = "";
  /** Streaming: whether saxen reported a token during the current `write` (its buffer then does not start with the current one). */
  #tokenSeen = false;

  constructor() {
    const parser = new Parser();
    parser.ns({ [OPENEHR_NS]: "oe", "http://www.w3.org/2001/XMLSchema-instance": "xsi" });
    parser.on("openTag", (name, attrs, _decode, selfClosing, context) => {
      // Parsing the attributes makes saxen report malformed ones (it parses them lazily otherwise).
      attrs();
      this.#tokenSeen = true;
      this.#open(name, selfClosing, this.#located(context));
    });
    parser.on("closeTag", () => {
      this.#tokenSeen = true;
      this.#close();
    });
    parser.on("text", (text, _decode, saxenContext) => {
      this.#seen = true;
      // Saxen gives a text that starts its buffer as `data` with column 0; any other text without its first character.
      const context = this.#located(saxenContext, (c) => c.data.length === text.length);
      if (text.includes("&")) this.#checkReferences(text, context);
      if (text.includes("]]>")) this.#fail('"]]>" in text (write ]]&gt;)', () => endRelative(text, text.indexOf("]]>"), context()));
      if (this.#capture !== undefined) this.#buffer += text;
    });
    parser.on("cdata", (text) => {
      this.#tokenSeen = true;
      // CDATA is literal: mark it so entity decoding leaves it alone.
      if (this.#capture !== undefined) this.#buffer += text.replaceAll("&", "&amp;");
    });
    parser.on("comment", (text, _decode, context) => {
      this.#seen = true;
      this.#tokenSeen = true;
      // XML forbids "--" inside a comment and a comment ending in "-" (saxen accepts both).
      if (text.includes("--") || text.endsWith("-")) this.#fail('"--" inside a comment', this.#located(context));
    });
    parser.on("question", (text, context) => {
      // The XML declaration may only open the document (saxen accepts it anywhere).
      this.#tokenSeen = true;
      if (this.#seen && /^<\?xml(\s|\?>)/i.test(text)) this.#fail("an XML declaration that is not at the very start", this.#located(context));
      this.#seen = true;
    });
    parser.on("error", (error, context) => this.#fail(error.message, this.#located(context)));
    parser.on("warn", (warning, context) => {
      // Undeclared attribute prefixes are namespace (not XML) errors; servers accept them.
      if (warning.message.startsWith("missing namespace for prefix")) return;
      const outside = warning.message === OUTSIDE_ROOT;
      // Text outside the root that starts saxen's buffer comes with the text as `data`, column 0 and a "<" after it.
      const first = (c: SaxenContext): boolean =>
        !this.#tokenSeen && c.column === 0 && this.#pending.startsWith(c.data) && this.#pending.charCodeAt(c.data.length) === 60;
      this.#fail(outside ? "text outside the root element" : warning.message, this.#located(context, outside ? first : undefined));
    });
    this.#parser = parser;
  }

  /** Scans a whole document (already decoded, without BOM). */
  scanWhole(text: string): void {
    this.#text = text;
    this.#checkCharacters(text, 0);
    if (this.done) return;
    this.#parser.parse(text);
    this.#finish();
  }

  /**
   * Scans the next piece of a document. Only what saxen still buffers is
   * kept, with the line and line start where it begins, so that positions
   * are those of the whole document.
   */
  write(piece: string): void {
    if (this.done) return;
    this.#streaming = true;
    this.#tokenSeen = false;
    const start = this.#pending.length;
    this.#pending += piece;
    this.#checkCharacters(piece, start);
    if (this.done) return;
    this.#parser.write(piece);
    if (this.done) return;
    const consumed = consumedBySaxen(this.#pending);
    if (consumed > 0) {
      this.#origin = advance(this.#origin, this.#pending, consumed);
      this.#pending = this.#pending.slice(consumed);
    }
  }

  /** Ends a document fed with `write`. */
  end(): void {
    this.#streaming = true;
    this.#ending = true;
    if (!this.done) this.#parser.end();
    this.#finish();
  }

  /** The position just after the text scanned so far (1-based). */
  endPosition(): { line: number; column: number } {
    return this.#streaming ? this.#positionInPending(this.#pending.length) : positionAt(this.#text, this.#text.length);
  }

  /** Streaming: the position (1-based) of `this.#pending[index]` in the document. */
  #positionInPending(index: number): { line: number; column: number } {
    const at = advance(this.#origin, this.#pending, index);
    return { line: at.line + 1, column: at.offset - at.lineStart + 1 };
  }

  /**
   * Saxen's context (0-based, relative to its buffer while streaming) as the
   * context saxen gives when parsing the whole document at once. Saxen
   * reports a token that starts its buffer with column 0 and the text before
   * it as `data` (`firstToken` tells those apart), and text after the last
   * tag at the end with column = its offset on line 0.
   */
  #located(context: ContextGetter, firstToken?: (context: SaxenContext) => boolean): () => { line: number; column: number } {
    return () => {
      const c = context();
      const origin = this.#origin;
      if (!this.#streaming || origin.offset === 0) return c;
      if (this.#ending) return { line: 0, column: origin.offset + c.column };
      if (firstToken?.(c)) {
        const at = this.#positionInPending(c.data.length);
        return { line: at.line - 1, column: at.column - 1 };
      }
      if (c.line === 0) return { line: origin.line, column: origin.offset - origin.lineStart + c.column };
      return { line: origin.line + c.line, column: c.column };
    };
  }

  #open(name: string, selfClosing: boolean, context: () => { line: number; column: number }): void {
    this.#seen = true;
    const depth = ++this.#depth;
    if (depth === 1) {
      if (this.#rootSeen) {
        this.#fail("a second root element", context);
        return;
      }
      this.#rootSeen = true;
      this.result.rootName = name;
      if (name !== ROOT) {
        // Not an openEHR template: nothing more to learn from this file.
        this.done = true;
        this.#parser.stop();
      }
      return;
    }
    if (this.#capture !== undefined) return;
    if (depth === 2) {
      this.#section = name;
      if (name === `${P}concept`) this.#startCapture("concept", depth, selfClosing);
    } else if (depth === 3) {
      if (name === VALUE && this.#section === `${P}template_id`) this.#startCapture("templateId", depth, selfClosing);
      else if (name === VALUE && this.#section === `${P}uid`) this.#startCapture("uid", depth, selfClosing);
      else if (name === `${P}code_string` && this.#section === `${P}language`) this.#startCapture("language", depth, selfClosing);
      else if (name === `${P}archetype_id` && this.#section === `${P}definition`) this.#inArchetypeId = !selfClosing;
    } else if (depth === 4 && this.#inArchetypeId && name === VALUE) {
      this.#startCapture("archetypeId", depth, selfClosing);
    }
  }

  #startCapture(field: Field, depth: number, selfClosing: boolean): void {
    if (this.result[field] !== undefined) return; // the first one counts
    if (selfClosing) {
      this.result[field] = "";
      return;
    }
    this.#capture = field;
    this.#captureDepth = depth;
    this.#buffer = "";
  }

  #close(): void {
    const depth = this.#depth--;
    if (this.#capture !== undefined && depth === this.#captureDepth) {
      this.result[this.#capture] = decodeText(this.#buffer).trim();
      this.#capture = undefined;
      this.#buffer = "";
    }
    if (depth === 3) this.#inArchetypeId = false;
    if (depth === 2) this.#section = "";
  }

  /**
   * Refuses an entity reference XML does not define (saxen leaves `&nbsp;` as
   * it is; an XML parser on the server refuses the file): OPTs have no DTD,
   * so only the five predefined entities and character references are valid.
   */
  #checkReferences(text: string, context: () => { line: number; column: number }): void {
    const bad = BAD_REFERENCE.exec(text);
    if (bad === null) return;
    const name = /^&([^;\s<&]*);/.exec(text.slice(bad.index))?.[1];
    const message = name ? `undefined entity &${name}; (write it as a character reference)` : 'a bare "&" (write &amp;)';
    this.#fail(message, () => endRelative(text, bad.index, context()));
  }

  /**
   * Refuses a character XML 1.0 forbids anywhere in a document (saxen lets
   * it through; servers refuse the file). One search over each piece of text,
   * so it costs next to nothing. `start` is where `text` starts in the
   * pending text (streaming).
   */
  #checkCharacters(text: string, start: number): void {
    const index = text.search(NOT_XML_CHAR);
    if (index === -1) return;
    const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, "0");
    const position = this.#streaming ? this.#positionInPending(start + index) : positionAt(text, index);
    this.#fail(`character U+${code} is not allowed in XML`, () => ({ line: position.line - 1, column: position.column - 1 }));
  }

  #fail(message: string, context: (() => { line: number; column: number }) | undefined): void {
    if (this.failure !== undefined) return;
    let position: { line: number; column: number } | undefined;
    if (AT_END.has(message)) {
      position = this.endPosition();
    } else if (context !== undefined) {
      const { line, column } = context();
      position = { line: line + 1, column: column + 1 };
    }
    this.failure = notXml(message, position);
    this.done = true;
    this.#parser.stop();
  }

  #finish(): void {
    if (this.failure === undefined && !this.#rootSeen) this.failure = notXml("no root element", this.endPosition());
    this.done = true;
  }
}

/** An `OptError` `not_xml` naming the position. */
export function notXml(reason: string, position: { line: number; column: number } | undefined): OptError {
  const where = position === undefined ? "" : ` at line ${position.line}, column ${position.column}`;
  return new OptError(
    "not_xml",
    `The file is not well-formed XML: ${reason}${where}. Check that it is a complete, unedited operational template (.opt) export.`,
    position ?? {},
  );
}
