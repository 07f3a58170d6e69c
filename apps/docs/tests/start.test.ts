// The main job: `pnpm start`'s script (after the build) runs the quick start
// against an in-process sandbox, then serves this built site until Ctrl-C.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { assertSiteBuilt, repoRoot } from "./_site.ts";

/** A JWT (what the sandbox issues as access tokens). */
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;

let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
});

/** Resolves with the output once `pattern` appears in it; rejects when the process ends first. */
function waitForOutput(process: ChildProcess, pattern: RegExp, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (pattern.test(output.text)) resolve(output.text);
    };
    process.stdout?.on("data", check);
    process.on("exit", (code) => reject(new Error(`start.mjs exited with ${code} before printing ${pattern}:\n${output.text}`)));
  });
}

describe("scripts/start.mjs (pnpm start)", () => {
  test("runs the quick start against the sandbox, serves the built site on 127.0.0.1, stops on SIGINT", async () => {
    assertSiteBuilt();
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CADASTO_")));
    const output = { text: "" };
    child = spawn(process.execPath, [join(repoRoot, "scripts/start.mjs")], { env: { ...env, PORT: "0" } });
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output.text += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output.text += chunk;
    });
    const text = await waitForOutput(child, /Press Ctrl-C to stop\./, output);

    expect(text).toMatch(/^Quick start against the local sandbox at http:\/\/127\.0\.0\.1:\d+/);
    const ids = [...text.matchAll(/version id\s+(family_history\S+::[0-9a-f-]{36})/g)].map((match) => match[1]);
    expect(ids).toHaveLength(2);
    // Then the clinical data: two compositions, each read back by AQL with the version it was pinned to.
    const pinned = [...text.matchAll(/→ {2}(minimal_evaluation\.en\.v1::[0-9a-f-]{36})/g)].map((match) => match[1]);
    expect(pinned).toHaveLength(2);
    expect(pinned[0]).not.toBe(pinned[1]);
    expect(text).toContain(`- ${ids[0]}`);
    expect(text).toContain(`- ${ids[1]}`);
    expect(text).toContain("identical to the uploaded file");
    expect(text).toMatch(/scope {13}api\.read api\.write/);
    expect(text).not.toMatch(JWT);

    const url = /Documentation site: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text)?.[1];
    expect(url).toBeDefined();
    const page = await fetch(new URL("tools/opt-inspector", url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("OPT inspector");

    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(url as string)).rejects.toThrow();
  });
});
