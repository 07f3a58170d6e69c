import { OptError } from "./errors.ts";
import { type Collected, optParser } from "./_opt_parser.ts";
import { utf8Pieces } from "./_utf8.ts";

/**
 * An operational template as bytes or text: a string, a `Uint8Array` (or any
 * byte view), an `ArrayBuffer`, a `Blob`/`File`, or a `ReadableStream` of bytes.
 *
 * @example Read a file as a stream
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { Readable } from "node:stream";
 * import { readOptMetadata, type OptSource } from "@cadasto/opt";
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
 * import { readOptMetadata, type OptMetadata } from "@cadasto/opt";
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
 * Limits of {@linkcode readOptMetadata}: what bounds its time and memory.
 *
 * @example Read a very large file
 * ```ts
 * import { readOptMetadata, OPT_LIMITS, type ReadOptOptions } from "@cadasto/opt";
 * declare const opt: Uint8Array;
 * const options: ReadOptOptions = { maxBytes: 4 * OPT_LIMITS.maxBytes };
 * console.log((await readOptMetadata(opt, options)).templateId);
 * ```
 */
export interface ReadOptOptions {
  /** The largest file read, in bytes (characters for a string). Default {@linkcode OPT_LIMITS}`.maxBytes` (64 MiB). */
  readonly maxBytes?: number | undefined;
  /** The longest single token (a text, an attribute value, a comment, a name), in characters. Default {@linkcode OPT_LIMITS}`.maxTokenLength` (1 MiB). */
  readonly maxTokenLength?: number | undefined;
}

/**
 * The default limits of {@linkcode readOptMetadata}: a file of at most 64 MiB
 * (the largest real OPTs are a few MB), and no single token over 1 Mi characters
 * (a real OPT's longest texts are a few KB). A streamed read keeps about one
 * token, one chunk and the element path in memory, so the token limit bounds it.
 *
 * @example Tell the user the limit
 * ```ts
 * import { OPT_LIMITS } from "@cadasto/opt";
 * console.log(`OPT files up to ${OPT_LIMITS.maxBytes / 2 ** 20} MiB`);
 * ```
 */
export const OPT_LIMITS: { readonly maxBytes: number; readonly maxTokenLength: number } = /* @__PURE__ */ Object.freeze({
  maxBytes: 64 * 2 ** 20,
  maxTokenLength: 2 ** 20,
});

/**
 * Reads the identity of an openEHR ADL 1.4 operational template (OPT): the
 * root `template_id`, `concept`, root archetype id, `uid` and language,
 * checking on the way that the whole file is well-formed XML (with namespaces),
 * as a conformant parser (saxes) says. A DOCTYPE is refused (no OPT has one;
 * refusing it keeps entity expansion out).
 *
 * Real files are handled: a UTF-8 BOM, CRLF line ends, comments before the
 * root, any namespace prefix (elements are matched by the namespace URI
 * `http://schemas.openehr.org/v1`), non-ASCII ids. Bytes are always decoded
 * as UTF-8, whatever the XML declaration says (OPT tools write UTF-8; a file
 * that is not valid UTF-8 is refused as `not_xml`). Values are trimmed.
 *
 * A stream is parsed as it arrives and its text is not kept: the answer is the
 * same for every way the bytes are split into chunks, the time is linear in the
 * size, and memory stays within about one token (see {@linkcode OPT_LIMITS}).
 *
 * @param opt The OPT as a string, bytes, a `Blob` or a byte stream.
 * @param options Limits other than {@linkcode OPT_LIMITS}.
 * @returns The template's metadata.
 * @throws {OptError} `not_xml` (with `line` and `column`), `too_large`, `not_a_template`, `missing_template_id`, `empty_concept`, `missing_archetype_id` or `invalid_source`.
 *
 * @example Read a file's template id
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { readOptMetadata } from "@cadasto/opt";
 * const meta = await readOptMetadata(await readFile("Demo_Vitals.opt"));
 * console.log(meta.templateId, meta.concept, meta.archetypeId, meta.uid);
 * ```
 */
export async function readOptMetadata(opt: OptSource, options: ReadOptOptions = {}): Promise<OptMetadata> {
  const maxBytes = limit(options.maxBytes, OPT_LIMITS.maxBytes, "maxBytes");
  const parser = optParser(limit(options.maxTokenLength, OPT_LIMITS.maxTokenLength, "maxTokenLength"));
  const tooLarge = (): OptError => {
    parser.flush();
    return new OptError(
      "too_large",
      `The OPT is larger than ${maxBytes} ${typeof opt === "string" ? "characters" : "bytes"}, the most readOptMetadata() reads: check that this is an operational template; pass a larger \`maxBytes\` to read it anyway.`,
      parser.position(),
    );
  };
  if (typeof opt === "string") {
    parser.write(opt.length > maxBytes ? opt.slice(0, maxBytes) : opt);
    if (opt.length > maxBytes) throw tooLarge();
  } else {
    const utf8 = utf8Pieces();
    let total = 0;
    // Decodes and parses the next chunk: at most maxBytes in all (what is beyond is refused, after the text
    // before it); invalid UTF-8 is refused where it starts, after the text before it.
    const feed = (bytes: Uint8Array, last: boolean): void => {
      const room = maxBytes - total;
      total += bytes.byteLength;
      const over = bytes.byteLength > room;
      const { text, invalid, atStart } = utf8(over ? bytes.subarray(0, room) : bytes, last || over);
      if (text.length > 0) parser.write(text);
      if (invalid) {
        parser.flush();
        const { line, column } = parser.position();
        const why = atStart
          ? "the file starts with a UTF-16 byte order mark or another byte that cannot start UTF-8: save it as UTF-8"
          : "the bytes are not valid UTF-8 (OPT files are read as UTF-8 whatever their XML declaration says)";
        throw new OptError("not_xml", `The OPT is not well-formed XML: ${why} (line ${line}, column ${column + 1}).`, {
          line,
          column: column + 1,
        });
      }
      if (over) throw tooLarge();
    };
    if (opt instanceof ArrayBuffer || ArrayBuffer.isView(opt)) {
      feed(opt instanceof ArrayBuffer ? new Uint8Array(opt) : new Uint8Array(opt.buffer, opt.byteOffset, opt.byteLength), true);
    } else if ((typeof Blob !== "undefined" && opt instanceof Blob) || typeof (opt as ReadableStream | null)?.getReader === "function") {
      await readStream(opt instanceof Blob ? opt.stream() : (opt as ReadableStream<Uint8Array>), feed);
    } else {
      throw new OptError("invalid_source", "readOptMetadata() takes a string, bytes, a Blob or a ReadableStream of bytes.");
    }
  }
  parser.end();
  return metadataOf(parser.collected);
}

function limit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new OptError("invalid_source", `readOptMetadata(): \`${name}\` must be a positive integer, got ${String(value)}.`);
  }
  return value;
}

/** Feeds a stream's chunks as they arrive, then the end; the stream is cancelled when reading stops early. */
async function readStream(stream: ReadableStream<Uint8Array>, feed: (bytes: Uint8Array, last: boolean) => void): Promise<void> {
  const reader = stream.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) feed(chunk.value, false);
    feed(new Uint8Array(0), true);
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function metadataOf(found: Collected): OptMetadata {
  if (found.rootLocal !== "template" || found.rootUri !== "http://schemas.openehr.org/v1") {
    const where = found.rootUri ? `in namespace ${found.rootUri}` : "in no namespace";
    throw new OptError(
      "not_a_template",
      `The root element is <${found.rootLocal ?? ""}> ${where}, not an openEHR operational template (<template xmlns="http://schemas.openehr.org/v1">). Export the template as an ADL 1.4 OPT.`,
    );
  }
  if (!found.templateId) {
    throw new OptError(
      "missing_template_id",
      "The template has no root template_id/value: the server needs it to name the template. Re-export the OPT from your template tool.",
    );
  }
  if (!found.concept) {
    throw new OptError(
      "empty_concept",
      `The template "${found.templateId}" has an empty concept: give it a concept name in your template tool and export it again.`,
    );
  }
  if (!found.archetypeId) {
    throw new OptError(
      "missing_archetype_id",
      `The template "${found.templateId}" has no definition/archetype_id/value (its root archetype): re-export the OPT from your template tool.`,
    );
  }
  return {
    templateId: found.templateId,
    concept: found.concept,
    archetypeId: found.archetypeId,
    uid: found.uid || undefined,
    language: found.language || undefined,
  };
}
