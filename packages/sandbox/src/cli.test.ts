import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "@cadasto/core/cli";
import { runCli } from "./_cli.ts";

function capture(): { text: () => string; write: (chunk: string) => boolean } {
  let out = "";
  return {
    text: () => out,
    write: (chunk) => {
      out += chunk;
      return true;
    },
  };
}

/** Runs the command in-process until its banner is printed, hands over the output, then stops it. */
async function runUntilStarted(argv: string[]): Promise<{ output: string; code: number }> {
  const stdout = capture();
  const stderr = capture();
  const stop = new AbortController();
  const running = runCli(argv, { stdout, stderr, signal: stop.signal });
  while (!stdout.text().includes("curl") && stderr.text() === "") {
    const settled = await Promise.race([running.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);
    if (settled) break;
  }
  const output = stdout.text() + stderr.text();
  stop.abort();
  return { output, code: await running };
}

function exportValue(output: string, name: string): string {
  const match = new RegExp(`^export ${name}=(.*)$`, "m").exec(output);
  return (match?.[1] ?? "").replace(/^'(.*)'$/, "$1");
}

describe("cadasto-sandbox", () => {
  it("prints URLs and credentials as CADASTO_* variables that get a token", async () => {
    const stdout = capture();
    const stop = new AbortController();
    const running = runCli(["--client-id", "demo", "--client-secret", "demo-secret", "--token-ttl", "60"], {
      stdout,
      stderr: capture(),
      signal: stop.signal,
    });
    while (!stdout.text().includes("curl")) await new Promise((r) => setTimeout(r, 20));
    const output = stdout.text();
    const authUrl = exportValue(output, "CADASTO_AUTH_URL");
    const apiUrl = exportValue(output, "CADASTO_API_URL");
    expect(authUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(apiUrl).toBe(`${authUrl}/openehr/v1`);
    expect(exportValue(output, "CADASTO_CLIENT_ID")).toBe("demo");
    expect(exportValue(output, "CADASTO_CLIENT_SECRET")).toBe("demo-secret");
    expect(output).toContain(`token endpoint  ${authUrl}/token`);
    expect(output).toMatch(/GET\|PUT\|DELETE +\/ehr\/\{ehr_id\}\/composition\/\{uid_based_id\}/);
    expect(output).toMatch(/POST\|GET +\/query\/aql/);
    const token = await fetch(`${authUrl}/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa("demo:demo-secret")}` },
      body: new URLSearchParams({ grant_type: "client_credentials", audience: apiUrl }),
    });
    expect(((await token.json()) as { expires_in: number }).expires_in).toBe(60);
    stop.abort();
    expect(await running).toBe(EXIT_CODES.ok);
    expect(stdout.text()).toContain("Sandbox stopped.");
    await expect(fetch(`${authUrl}/.well-known/smart-configuration`)).rejects.toThrow(TypeError);
  });

  it("generates a client when none is given", async () => {
    const { output, code } = await runUntilStarted([]);
    expect(code).toBe(EXIT_CODES.ok);
    expect(exportValue(output, "CADASTO_CLIENT_ID")).not.toBe("");
    expect(exportValue(output, "CADASTO_CLIENT_SECRET").length).toBeGreaterThanOrEqual(24);
  });

  it("says where templates are kept with --data-dir", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cadasto-sandbox-cli-"));
    try {
      const { output } = await runUntilStarted(["--data-dir", dir]);
      expect(output).toContain(`kept in ${dir}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad flags with usage and exit code 2", async () => {
    for (const argv of [["--port", "abc"], ["--client-secret", "x"], ["--host", "0.0.0.0"], ["--nope"]]) {
      const { output, code } = await runUntilStarted(argv);
      expect(code).toBe(EXIT_CODES.usage);
      expect(output).toMatch(/cadasto-sandbox: /);
    }
  });

  it("prints help with --help", async () => {
    const { output, code } = await runUntilStarted(["--help"]);
    expect(code).toBe(EXIT_CODES.ok);
    expect(output).toContain("--token-ttl <seconds>");
  });

  it("the built command closes cleanly on SIGINT and frees its port", async () => {
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    const child = spawn(process.execPath, [cli], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    while (!output.includes("curl")) {
      if (child.exitCode !== null) throw new Error(`the command exited early: ${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const port = Number(new URL(exportValue(output, "CADASTO_AUTH_URL")).port);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("Sandbox stopped.");
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once("error", reject);
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
    });
  });
});
