import type { IncomingMessage, ServerResponse } from "node:http";

/** Sends a JSON body with the given status and headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** How many bytes past its limit an oversized body is still read (and dropped) before the connection is closed instead. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads a request body, refusing more than `limit` bytes: then it returns
 * undefined once the whole body was read and dropped (so the 413 that follows
 * arrives after the request and the kept-alive connection stays usable), or,
 * past `DRAIN_LIMIT` more bytes, at once with `Connection: close` set on `res`.
 */
export async function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit + DRAIN_LIMIT) {
      // Too much to read through: the answer goes out now and the connection closes after it.
      res.setHeader("connection", "close");
      req.resume();
      return undefined;
    }
    // Over the limit: keep reading and drop the rest, so that the answer comes after the whole
    // request and a kept-alive connection stays usable for the next one.
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks, size);
}
