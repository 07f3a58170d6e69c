/**
 * Reads a response body up to `limit` bytes, counting the bytes after content
 * decoding (`fetch` inflates gzip, deflate and br as it reads), so a small
 * compressed answer cannot expand into gigabytes in memory. Refuses early on a
 * `Content-Length` above the limit. Over the limit the body is cancelled and
 * the result is `undefined`; the caller throws its own coded error.
 *
 * @param response The answer whose body to read.
 * @param limit The most bytes to accept.
 * @returns The body's bytes, or `undefined` when it holds more than `limit`.
 * @throws {TypeError} The body broke off (a network error while reading).
 *
 * @example Refuse an answer larger than 1 MiB
 * ```ts
 * import { readBodyCapped } from "@cadasto/core";
 * const response = await fetch("https://acme.auth.prod.cadasto.io/.well-known/smart-configuration");
 * const bytes = await readBodyCapped(response, 1024 * 1024);
 * console.log(bytes === undefined ? "too large" : new TextDecoder().decode(bytes));
 * ```
 */
export async function readBodyCapped(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (Number(response.headers.get("content-length") ?? "0") > limit) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
