import { expect, test } from "vitest";
import { CHUNK_SIZE, progressStream, supportsStreamingUpload } from "./_upload_body.ts";
import type { UploadProgressEvent } from "./templates_client_options.ts";

test("Node sends streamed request bodies (duplex: half is detected)", () => {
  expect(supportsStreamingUpload()).toBe(true);
});

test("progressStream hands out the bytes in 64 KiB chunks and reports each one as it is pulled", async () => {
  const bytes = new Uint8Array(CHUNK_SIZE * 2 + 10).map((_, i) => i % 251);
  const events: UploadProgressEvent[] = [];
  const stream = progressStream(bytes, (event) => events.push(event));
  expect(events).toEqual([{ loaded: 0, total: bytes.length }]);
  const reader = stream.getReader();
  const first = await reader.read();
  expect(first.value?.length).toBe(CHUNK_SIZE);
  expect(events.at(-1)).toEqual({ loaded: CHUNK_SIZE, total: bytes.length });
  const rest: Uint8Array[] = [first.value as Uint8Array];
  for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
  expect(new Uint8Array(await new Blob(rest as BlobPart[]).arrayBuffer())).toEqual(bytes);
  expect(events.map((e) => e.loaded)).toEqual([0, CHUNK_SIZE, CHUNK_SIZE * 2, bytes.length]);
});
