import { OptError } from "./errors.ts";
import { notXml, OptScanner, positionAt } from "./_opt_scanner.ts";

/**
 * An operational template as bytes or text: a string, a `Uint8Array` (or any
 * byte view), an `ArrayBuffer`, a `Blob`/`File`, or a `ReadableStream` of bytes.
 *
 * @example Read a file as a stream
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { Readable } from "node:stream";
 * import { readOptMetadata, type OptSource } from "@cadasto/templates";
 * const source: OptSource = Readable.toWeb(createReadStream("Anamnese.opt")) as ReadableStream<Uint8Array>;
 * console.log((await readOptMetadata(source)).templateId);
 * ```
 */
export type OptSource = string | ArrayBufferView | ArrayBuffer | Blob | ReadableStream<Uint8Array>;

/**
 * The identity of an operational template, read from its XML.
 *
 * @example Name a file after its template id
 * ```ts
 * import { readOptMetadata, type OptMetadata } from "@cadasto/templates";
 * declare const opt: Uint8Array;
 * const meta: OptMetadata = await readOptMetadata(opt);
 * console.log(`${meta.templateId.replace(/[^A-Za-z0-9._-]+/g, "_")}.opt`);
 * ```
 */
export interface OptMetadata {
  /** The root `template_id/value` (never the nested `definition/template_id`). */
  readonly templateId: string;
  /** The root `concept`. */
  readonly concept: string;
  /** The root archetype: `definition/archetype_id/value`, e.g. `openEHR-EHR-COMPOSITION.encounter.v1`. */
  readonly archetypeId: string;
  /** The root `uid/value`, when the file has one. */
  readonly uid?: string | undefined;
  /** The template's language (`language/code_string`, e.g. `en`), when the file has one. */
  readonly language?: string | undefined;
}

/**
 * Reads the identity of an openEHR ADL 1.4 operational template (OPT): the
 * root `template_id`, `concept`, root archetype id, `uid` and language,
 * checking on the way that the whole file is well-formed XML.
 *
 * Real files are handled: a UTF-8 BOM, CRLF line ends, comments before the
 * root, any namespace prefix (elements are matched by the namespace URI
 * `http://schemas.openehr.org/v1`), non-ASCII ids. Bytes are always decoded
 * as UTF-8, whatever the XML declaration says (OPT tools write UTF-8; a file
 * that is not valid UTF-8 is refused as `not_xml`). Values are trimmed.
 *
 * A stream is parsed as it arrives (saxen's streaming mode) and its text is
 * not kept: only what the parser still buffers, with a running line count,
 * so an error is located exactly as in a string at no extra memory.
 *
 * @param opt The OPT as a string, bytes, a `Blob` or a byte stream.
 * @returns The template's metadata.
 * @throws {OptError} `invalid_source` (not a string, bytes, Blob or stream), `not_xml` (with `line` and `column`), `not_a_template`, `missing_template_id`, `empty_concept` or `missing_archetype_id`.
 *
 * @example Read a file's template id
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { readOptMetadata } from "@cadasto/templates";
 * const meta = await readOptMetadata(await readFile("Demo_Vitals.opt"));
 * console.log(meta.templateId, meta.concept, meta.archetypeId, meta.uid);
 * ```
 */
export async function readOptMetadata(opt: OptSource): Promise<OptMetadata> {
  const scanner = new OptScanner();
  if (typeof opt === "string") {
    scanner.scanWhole(opt.charCodeAt(0) === 0xfeff ? opt.slice(1) : opt);
  } else if (opt instanceof ArrayBuffer || ArrayBuffer.isView(opt)) {
    const bytes = opt instanceof ArrayBuffer ? new Uint8Array(opt) : new Uint8Array(opt.buffer, opt.byteOffset, opt.byteLength);
    scanner.scanWhole(decodeUtf8(bytes));
  } else if (opt instanceof Blob || typeof (opt as ReadableStream | null)?.getReader === "function") {
    await scanStream(scanner, opt instanceof Blob ? opt.stream() : (opt as ReadableStream<Uint8Array>));
  } else {
    throw new OptError("invalid_source", "readOptMetadata() takes a string, bytes, a Blob or a ReadableStream of bytes.");
  }
  return metadataOf(scanner);
}

/** Decodes UTF-8 (BOM dropped), refusing invalid bytes with their position. */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const index = lenient.indexOf("\uFFFD");
    throw notUtf8(bytes, positionAt(lenient, index < 0 ? lenient.length : index), cause);
  }
}

/** `head`: the document's first bytes (a UTF-16 byte order mark is named). */
function notUtf8(head: Uint8Array, position: { line: number; column: number }, cause: unknown): OptError {
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const error = notXml(
    utf16 ? "the file is UTF-16; save it as UTF-8" : "the bytes are not valid UTF-8 (OPT files are read as UTF-8 whatever their XML declaration says)",
    position,
  );
  return new OptError("not_xml", error.message, { ...position, cause });
}

async function scanStream(scanner: OptScanner, stream: ReadableStream<Uint8Array>): Promise<void> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const reader = stream.getReader();
  let head: Uint8Array | undefined;
  // The next decoded piece (the rest at the end, without `bytes`); invalid UTF-8 is located at the end of the text so far.
  const decode = (bytes?: Uint8Array): string => {
    try {
      return decoder.decode(bytes, { stream: bytes !== undefined });
    } catch (cause) {
      throw notUtf8(head ?? new Uint8Array(), scanner.endPosition(), cause);
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      head ??= value.slice(0, 2);
      const piece = decode(value);
      if (piece.length === 0) continue;
      scanner.write(piece);
      if (scanner.done) break;
    }
    if (!scanner.done) {
      const tail = decode();
      if (tail.length > 0) scanner.write(tail);
      scanner.end();
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function metadataOf(scanner: OptScanner): OptMetadata {
  const { result, failure } = scanner;
  if (result.rootName !== undefined && result.rootName !== "oe:template") {
    const [prefix, local] = result.rootName.includes(":") ? result.rootName.split(":") : ["", result.rootName];
    const why =
      local === "template"
        ? "a `template` element outside the openEHR namespace http://schemas.openehr.org/v1"
        : `\`${local}\`${prefix === "oe" ? "" : " (not in the openEHR namespace)"}`;
    throw new OptError(
      "not_a_template",
      `The root element is ${why}, not an openEHR operational template (<template xmlns="http://schemas.openehr.org/v1">). Export the template as an ADL 1.4 OPT.`,
    );
  }
  if (failure !== undefined) throw failure;
  if (!result.templateId) {
    throw new OptError(
      "missing_template_id",
      "The template has no root template_id/value: the server needs it to name the template. Re-export the OPT from your template tool.",
    );
  }
  if (!result.concept) {
    throw new OptError("empty_concept", `The template "${result.templateId}" has an empty concept: give it a concept name in your template tool and export it again.`);
  }
  if (!result.archetypeId) {
    throw new OptError(
      "missing_archetype_id",
      `The template "${result.templateId}" has no definition/archetype_id/value (its root archetype): re-export the OPT from your template tool.`,
    );
  }
  return {
    templateId: result.templateId,
    concept: result.concept,
    archetypeId: result.archetypeId,
    uid: result.uid || undefined,
    language: result.language || undefined,
  };
}
