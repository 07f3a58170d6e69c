// Internal: one saxes parser over an OPT's text, fed in pieces, that checks the
// whole file is well-formed, bounds the memory a single token may take, and
// collects the root's identity.
import { SaxesParser } from "saxes";
import { OptError } from "./errors.ts";

const OPENEHR_NS = "http://schemas.openehr.org/v1";

/** What the parser collected (values trimmed; `rootLocal`/`rootUri` name the root element). */
export interface Collected {
  rootLocal?: string;
  rootUri?: string;
  templateId?: string;
  concept?: string;
  archetypeId?: string;
  uid?: string;
  language?: string;
}

type Field = Exclude<keyof Collected, "rootLocal" | "rootUri">;

// Texts we want, by path of local names in the openEHR namespace from the root (at most four deep).
const WANTED: Readonly<Record<string, Field>> = {
  "template/template_id/value": "templateId",
  "template/concept": "concept",
  "template/definition/archetype_id/value": "archetypeId",
  "template/uid/value": "uid",
  "template/language/code_string": "language",
};
const WANTED_DEPTH = 4;
const SLICE = 65_536;
// saxes' error messages start with "line:column: ".
const SAXES_ERROR = /^\d+:\d+: /;
// NameStartChar without ":" (Namespaces in XML 1.0, NCName).
const NC_NAME_START =
  /^[A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]/u;

/** A position in the text, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** One document's parser, from {@linkcode optParser}. */
export interface OptParser {
  /** What was collected so far. */
  readonly collected: Collected;
  /** Where the parser is: the 1-based line and the column of the character it read last. */
  position(): Position;
  /**
   * Parses `text` as the next piece of the document. saxes is always given the same
   * pieces (64 Ki characters from the document's start, cut shorter only by the token
   * limit or by `flush()` at a position in the document), however the text arrives:
   * saxes places some errors at the end of the piece it was given.
   */
  write(text: string): void;
  /** Parses what `write()` holds back, so that `position()` is the end of the text written. */
  flush(): void;
  /** Ends the document: an unclosed element, or no root at all, is an error. */
  end(): void;
}

/**
 * Feeds text to saxes (namespace-aware, so prefixes must be bound) and turns its
 * first error into an `OptError("not_xml")`. A token (a text, an attribute value,
 * a comment, a name, a DOCTYPE) is the text between two of saxes' events; it may
 * be at most `maxToken` characters: pieces are cut so that the check happens
 * exactly where a token crosses the limit, whatever the chunks were, and saxes
 * never buffers more than that.
 */
export function optParser(maxToken: number): OptParser {
  const collected: Collected = {};
  const parser = new SaxesParser({ xmlns: true, position: true });
  // Where the token being read starts (saxes' position at its last event).
  let boundary = 0;
  // Characters written so far (saxes' `position` is only right inside its handlers).
  let written = 0;
  let pending = "";
  const path: string[] = [];
  let depth = 0;
  let capture: Field | undefined;
  let captureDepth = 0;
  let captured = "";

  const position = (): Position => ({ line: parser.line, column: Math.max(1, parser.column) });
  const notXml = (reason: string): OptError => {
    const { line, column } = position();
    return new OptError(
      "not_xml",
      `The OPT is not well-formed XML: ${reason} (line ${line}, column ${column}). Fix the file there, or export it again from your template tool.`,
      { line, column },
    );
  };
  const notQualified = (name: string): OptError =>
    notXml(`"${name}" is not a qualified name: the part after ":" must start with a letter or "_"`);
  const tooLarge = (): OptError =>
    new OptError(
      "too_large",
      `The OPT has a single token (a text, an attribute value, a comment or a name) longer than ${maxToken} characters, at line ${parser.line}: no operational template needs one, and the limit bounds the reader's memory. Check the file; pass a larger \`maxTokenLength\` to read it anyway.`,
      position(),
    );
  // Runs a saxes call, turning the error saxes throws into not_xml (errors of our own pass through).
  const run = (call: () => void): void => {
    try {
      call();
    } catch (error) {
      if (!(error instanceof Error) || error instanceof OptError || !SAXES_ERROR.test(error.message)) throw error;
      const reason = error.message.replace(SAXES_ERROR, "").replace(/\.$/, "");
      // saxes reads an entity reference up to the next ";": a bare & fails there.
      throw notXml(reason.includes("entity name") ? `${reason} (write a bare & as &amp;)` : reason);
    }
  };
  const feed = (text: string): void => {
    let offset = 0;
    while (offset < text.length) {
      let end = Math.min(text.length, offset + Math.max(1, boundary + maxToken + 1 - written));
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
      const piece = offset === 0 && end === text.length ? text : text.slice(offset, end);
      run(() => parser.write(piece));
      written += end - offset;
      offset = end;
      if (written - boundary > maxToken) throw tooLarge();
    }
  };
  const flush = (): void => {
    if (pending.length > 0) feed(pending);
    pending = "";
  };
  // Only the element's own text (a value is a leaf; children's text is not part of it), at most one token long.
  const collect = (text: string): void => {
    boundary = parser.position;
    if (capture === undefined || depth !== captureDepth) return;
    captured += text;
    if (captured.length > maxToken) throw tooLarge();
  };

  // Only the handlers the reader needs: saxes gets about 5× slower with more than six
  // (its parser object changes shape). Without an "error" handler saxes throws its error,
  // which run() turns into not_xml; comments, processing instructions and the XML
  // declaration count towards the token that follows them.
  parser.on("doctype", () => {
    throw notXml(
      "DOCTYPE is not allowed (an OPT needs no document type declaration, and entity declarations are refused for safety): remove the <!DOCTYPE …> declaration",
    );
  });
  parser.on("opentag", (tag) => {
    boundary = parser.position;
    // saxes accepts a qualified name whose local part is not an NCName ("p:-a"); Namespaces in XML does not.
    if (tag.prefix !== "" && !startsNcName(tag.local)) throw notQualified(tag.name);
    for (const name in tag.attributes) {
      const attribute = tag.attributes[name];
      if (attribute !== undefined && attribute.prefix !== "" && !startsNcName(attribute.local)) throw notQualified(name);
    }
    depth += 1;
    if (depth === 1) {
      collected.rootLocal = tag.local;
      collected.rootUri = tag.uri;
    }
    if (depth > WANTED_DEPTH) return;
    path.length = depth - 1;
    path.push(tag.uri === OPENEHR_NS ? tag.local : `{${tag.uri}}${tag.local}`);
    const field = WANTED[path.join("/")];
    if (field !== undefined && capture === undefined && collected[field] === undefined) {
      capture = field;
      captureDepth = depth;
      captured = "";
    }
  });
  parser.on("closetag", () => {
    boundary = parser.position;
    if (capture !== undefined && depth === captureDepth) {
      collected[capture] = captured.trim();
      capture = undefined;
      captured = "";
    }
    depth -= 1;
  });
  parser.on("text", collect);
  parser.on("cdata", collect);

  return {
    collected,
    position,
    write(text) {
      let i = 0;
      if (pending.length > 0) {
        const need = SLICE - pending.length;
        if (text.length < need) {
          pending += text;
          return;
        }
        feed(pending + text.slice(0, need));
        pending = "";
        i = need;
      }
      for (; text.length - i >= SLICE; i += SLICE) feed(text.slice(i, i + SLICE));
      pending = text.slice(i);
    },
    flush,
    end() {
      flush();
      run(() => parser.close());
    },
  };
}

function startsNcName(local: string): boolean {
  const c = local.charCodeAt(0);
  // ASCII letters first: nearly every name in an OPT.
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) return true;
  return c >= 0x80 && NC_NAME_START.test(local);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
