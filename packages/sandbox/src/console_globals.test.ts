import { expect, it } from "vitest";
import { postTokenRequest } from "../test/helpers.ts";
import { startSandbox } from "./start_sandbox.ts";

// Its own file: the console is read before any sandbox started in this process.
it("leaves the process's console as it found it (a library patches no globals)", async () => {
  const before = { ...console };
  const sb = await startSandbox();
  await postTokenRequest(sb);
  await sb.close();
  for (const name of ["warn", "info", "log", "error", "debug"] as const) expect(console[name], name).toBe(before[name]);
});
