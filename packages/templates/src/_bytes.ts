// Internal: an OPT source as bytes, and its SHA-256 (Web Crypto).
import { OptError, type OptSource } from "./read_opt_metadata.ts";

/** The whole source as bytes (a string is encoded as UTF-8; a `Blob` or a stream is read to its end). */
export async function toBytes(source: OptSource): Promise<Uint8Array> {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (
    typeof source === "string" ||
    (typeof Blob !== "undefined" && source instanceof Blob) ||
    typeof (source as ReadableStream | null)?.getReader === "function"
  ) {
    return new Uint8Array(await new Response(source).arrayBuffer());
  }
  throw new OptError("invalid_source", "The OPT must be a string, bytes, a Blob or a ReadableStream of bytes.");
}

/** Lower-case hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
