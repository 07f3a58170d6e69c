// The streamed body's code is loaded on the first upload with onProgress; when
// it cannot be loaded (a chunk a bundler emitted is missing), the upload goes
// in one piece and still reports progress at 0 and at the end, as in a
// browser. The failed load is simulated by a module mock; the upload goes to
// the real sandbox.
import { expect, test, vi } from "vitest";
import { fixture, useWriterSandbox } from "../test/writer.ts";
import type { UploadProgressEvent } from "./mod.ts";

vi.mock("./_upload_body.ts", () => {
  throw new Error("chunk not served");
});

const writer = useWriterSandbox();

test("an upload whose streaming code cannot be loaded goes in one piece, reporting progress at 0 and at the end", async () => {
  const f = fixture("Anamnese.opt");
  const events: UploadProgressEvent[] = [];
  const uploaded = await writer.templates.upload(f.bytes, { onProgress: (event) => events.push(event) });
  expect(uploaded.templateId).toBe(f.templateId);
  expect(events).toEqual([
    { loaded: 0, total: f.bytes.length },
    { loaded: f.bytes.length, total: f.bytes.length },
  ]);
  const [latest] = await writer.templates.versions(f.templateId);
  expect(latest?.versionId).toBe(uploaded.versionId);
});
