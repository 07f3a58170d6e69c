// upload() against the real sandbox: an onProgress that throws is the
// caller's error, and an abort after a garbage collection still stops the
// upload (it used to be lost: authFetch sent a Request whose signal undici
// unlinks after a GC).
import { describe, expect, test } from "vitest";
import { fixture, useWriterSandbox } from "../test/writer.ts";
import { isTemplatesClientError } from "./mod.ts";

const writer = useWriterSandbox();

describe("upload()", () => {
  test("an onProgress that throws mid-upload rejects with the caller's error, not network_error, and stores nothing", async () => {
    const f = fixture("Anamnese.opt");
    const before = (await writer.templates.versions(f.templateId)).length;
    const mine = new Error("my progress bar broke");
    const error = await writer.templates
      .upload(f.bytes, {
        onProgress: ({ loaded }) => {
          if (loaded > 0) throw mine;
        },
      })
      .catch((e: unknown) => e);
    expect(isTemplatesClientError(error)).toBe(false);
    expect(error).toBe(mine);
    expect((await writer.templates.versions(f.templateId)).length).toBe(before);
  });

  test("an upload aborted after a garbage collection rejects with the signal's reason (it used to resolve 1.5 s later)", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) throw new Error("run this test with node --expose-gc (the package's vitest config passes it)");
    const f = fixture("Demo_Vitals.opt");
    // The sandbox answers after 1.5 s; an upload whose abort is lost resolves then instead of rejecting.
    writer.sandbox.faults.delayApi(1_500);
    try {
      for (let run = 0; run < 3; run += 1) {
        const controller = new AbortController();
        const pending = writer.templates.upload(f.bytes, { signal: controller.signal });
        await new Promise((resolve) => setTimeout(resolve, 100));
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
        controller.abort(new Error(`stop ${run}`));
        await expect(pending).rejects.toThrow(`stop ${run}`);
      }
    } finally {
      writer.sandbox.faults.reset();
    }
  });
});
