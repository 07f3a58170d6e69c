import { expect, it } from "vitest";
import { postTokenRequest } from "../test/helpers.ts";
import { startSandbox } from "./start_sandbox.ts";

// Its own file: the capture must be in place before the sandbox first starts
// (oidc-provider prints its notices once per process, when first imported and used).
it("prints nothing on the console while starting and serving tokens", async () => {
  const lines: unknown[] = [];
  const saved = { warn: console.warn, info: console.info, log: console.log, error: console.error };
  console.warn = console.info = console.log = console.error = (...args: unknown[]) => lines.push(args);
  try {
    const sb = await startSandbox();
    await postTokenRequest(sb);
    await sb.close();
  } finally {
    Object.assign(console, saved);
  }
  expect(lines).toEqual([]);
});
