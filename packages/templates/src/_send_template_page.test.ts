// In a web page the upload never loads the streamed body's code (pages do not
// stream request bodies): a page is simulated by a global `document` during
// the call, and the module is mocked only to see whether it is loaded; the
// upload goes to the real sandbox.
import { afterEach, expect, test, vi } from "vitest";
import { fixture, useWriterSandbox } from "../test/writer.ts";
import type { UploadProgressEvent } from "./mod.ts";

const loaded = vi.hoisted(() => ({ count: 0 }));
vi.mock("./_upload_body.ts", async (importOriginal) => {
  loaded.count++;
  return await importOriginal();
});

const writer = useWriterSandbox();

afterEach(() => {
  vi.unstubAllGlobals();
});

test("in a page an upload with onProgress goes in one piece and never loads the streaming code", async () => {
  const f = fixture("Anamnese.opt");
  const events: UploadProgressEvent[] = [];
  vi.stubGlobal("document", {});
  const uploaded = await writer.templates.upload(f.bytes, { onProgress: (event) => events.push(event) });
  vi.unstubAllGlobals();
  expect(uploaded.templateId).toBe(f.templateId);
  expect(events).toEqual([
    { loaded: 0, total: f.bytes.length },
    { loaded: f.bytes.length, total: f.bytes.length },
  ]);
  expect(loaded.count).toBe(0);
  // Outside a page the same upload loads it, and streams in 64 KiB chunks.
  const streamed: UploadProgressEvent[] = [];
  await writer.templates.upload(f.bytes, { onProgress: (event) => streamed.push(event) });
  expect(loaded.count).toBe(1);
  expect(streamed.length).toBeGreaterThan(2);
});
