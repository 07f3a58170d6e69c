// Internal: an OPT source as bytes, and its SHA-256 (Web Crypto).
import { OptError } from "./errors.ts";
import type { OptSource } from "./read_opt_metadata.ts";

/** The whole source as bytes (a string is encoded as UTF-8; a stream is read to its end). */
export async function toBytes(source: OptSource): Promise<Uint8Array> {
  if (typeof source === "string") return new TextEncoder().encode(source);
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (typeof Blob !== "undefined" && source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (source !== null && typeof source === "object" && typeof (source as ReadableStream).getReader === "function") {
    return new Uint8Array(await new Response(source as ReadableStream<Uint8Array>).arrayBuffer());
  }
  throw new OptError("invalid_source", "The OPT must be a string, bytes, a Blob or a ReadableStream of bytes.");
}

/** Lower-case hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
