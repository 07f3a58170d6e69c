// Internal: the body of an upload, streamed in chunks so the caller hears
// about progress where the runtime can send a streamed request body.
//
// fetch() has no upload progress event. Where the runtime sends a
// ReadableStream request body over HTTP/1.1 (Node, which asks for
// `duplex: "half"`; Deno and Bun, which stream without it: each checked with a
// 4 MB upload to the sandbox) the bytes are handed to fetch in 64 KiB chunks
// and each chunk pulled by the network layer is reported. Browsers send
// streamed bodies over HTTP/2 only (Chromium) or not at all, so there the
// body goes in one piece and progress is reported at 0 and at the end.
// Loaded on demand, by the first upload with `onProgress` (_send_template.ts).

import type { UploadProgressEvent } from "./templates_client_options.ts";

export const CHUNK_SIZE: number = 64 * 1024;

let streamingSupported: boolean | undefined;

/** Whether this runtime sends a ReadableStream request body (fetch standard's `duplex: "half"`); not asked in a web page. */
export function supportsStreamingUpload(): boolean {
  if (streamingSupported !== undefined) return streamingSupported;
  streamingSupported = false;
  // Never asked in a web page: sendTemplate() does not stream there (see _send_template.ts).
  try {
    let duplexAccessed = false;
    const request = new Request("http://127.0.0.1/", {
      method: "POST",
      body: new ReadableStream(),
      get duplex() {
        duplexAccessed = true;
        return "half";
      },
    } as RequestInit);
    // A runtime without stream bodies turns the stream into the text
    // "[object ReadableStream]" and labels it text/plain. Node and Chromium
    // read `duplex`; Deno and Bun send streams without it.
    const runtime = globalThis as { Deno?: unknown; Bun?: unknown };
    streamingSupported =
      (duplexAccessed || runtime.Deno !== undefined || runtime.Bun !== undefined) && !request.headers.has("content-type");
  } catch {
    streamingSupported = false;
  }
  return streamingSupported;
}

/** A stream of `bytes` in chunks, calling `onProgress` as each chunk is pulled and once at the end. */
export function progressStream(bytes: Uint8Array, onProgress: (event: UploadProgressEvent) => void): ReadableStream<Uint8Array> {
  let offset = 0;
  const total = bytes.byteLength;
  return new ReadableStream<Uint8Array>(
    {
      start() {
        onProgress({ loaded: 0, total });
      },
      pull(controller) {
        if (offset >= total) {
          controller.close();
          return;
        }
        const end = Math.min(offset + CHUNK_SIZE, total);
        controller.enqueue(bytes.slice(offset, end));
        offset = end;
        onProgress({ loaded: offset, total });
        if (offset >= total) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
