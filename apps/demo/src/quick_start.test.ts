import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isDemoError } from "./errors.ts";
import { DEFAULT_OPTS, runQuickStart } from "./quick_start.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
/** A JWT (what the sandbox issues as access tokens): three base64url parts, the first starting {" */
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;

/** This process's environment without any CADASTO_* variable. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CADASTO_")));
  return { ...env, ...extra };
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

describe("runQuickStart()", () => {
  test("uploads two versions of one template against the sandbox and prints their ids, never the secret or token", async () => {
    const lines: string[] = [];
    const result = await runQuickStart({
      authBaseUrl: sandbox.authBaseUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      opts: DEFAULT_OPTS,
      log: (line) => lines.push(line),
    });
    const output = lines.join("\n");

    expect(result.uploads).toHaveLength(2);
    const [first, second] = result.uploads;
    expect(second?.templateId).toBe(first?.templateId);
    expect(second?.versionId).not.toBe(first?.versionId);
    for (const upload of result.uploads) expect(output).toContain(upload.versionId);
    expect(result.versions.map((version) => version.versionId)).toEqual(
      expect.arrayContaining(result.uploads.map((upload) => upload.versionId)),
    );
    expect(result.versions[0]?.versionId).toBe(second?.versionId); // latest first
    expect(result.fetched).toEqual({ versionId: first?.versionId, bytes: 84_683, identical: true });
    expect(output).toContain(`token endpoint    ${sandbox.tokenEndpoint}`);
    expect(output).toContain("scope             api.read api.write");
    expect(output).toContain(new Date(result.expiresAt).toISOString());

    // The clinical data steps: one EHR, a commit pinned to each of two versions, both read back by AQL as pinned.
    const { clinical } = result;
    expect(clinical.templateVersions).toHaveLength(2);
    expect(clinical.templateVersions[0]).not.toBe(clinical.templateVersions[1]);
    for (const version of clinical.templateVersions) expect(version).toMatch(/^minimal_evaluation\.en\.v1::[0-9a-f-]{36}$/);
    expect(clinical.compositions.map((c) => c.pinnedTo)).toEqual(clinical.templateVersions);
    for (const committed of clinical.compositions) {
      expect(committed.readBack).toBe(committed.pinnedTo);
      expect(output).toContain(`${committed.uid}  →  ${committed.pinnedTo}`);
    }
    expect(output).toContain(`ehr_id            ${clinical.ehrId}`);
    expect(output).toContain(`parameters        {"p0":"${clinical.ehrId}"}`);

    expect(output).not.toContain(sandbox.clientSecret);
    expect(output).not.toMatch(JWT);
    expect(JSON.stringify(result)).not.toMatch(JWT);
    expect(JSON.stringify(result)).not.toContain(sandbox.clientSecret);
  });

  test("names the failed step and keeps the wrong secret out of the error", async () => {
    const wrong = "not-the-secret-4f1c9e";
    const error = await runQuickStart({
      authBaseUrl: sandbox.authBaseUrl,
      clientId: sandbox.clientId,
      clientSecret: wrong,
      opts: DEFAULT_OPTS,
      log: () => {},
    }).catch((caught: unknown) => caught);
    expect(isDemoError(error)).toBe(true);
    expect(error).toMatchObject({ code: "step_failed", step: "token" });
    expect(String((error as Error).message)).toContain("invalid_client");
    expect(String((error as Error).message)).not.toContain(wrong);
  });
});

describe("cadasto-demo command", () => {
  test("runs the quick start against a sandbox it starts itself when no CADASTO_* variable is set", async () => {
    const { stdout } = await run(process.execPath, [cli], { env: cleanEnv() });
    expect(stdout).toMatch(/^Quick start against the local sandbox at http:\/\/127\.0\.0\.1:\d+/);
    const ids = [...stdout.matchAll(/version id\s+(family_history\.v\.1\.2\.3::[0-9a-f-]{36})/g)].map((match) => match[1]);
    expect(ids).toHaveLength(2);
    expect(stdout).toContain(`5. Get: ${ids[0]} as OPT`);
    const pinned = [...stdout.matchAll(/→ {2}(minimal_evaluation\.en\.v1::[0-9a-f-]{36})/g)].map((match) => match[1]);
    expect(pinned).toHaveLength(2);
    expect(pinned[0]).not.toBe(pinned[1]);
    expect(stdout).not.toMatch(JWT);
  });

  test("runs against the tenant named by CADASTO_AUTH_URL, CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET", async () => {
    const before = sandbox.stats.tokenRequests;
    const { stdout } = await run(process.execPath, [cli], {
      env: cleanEnv({
        CADASTO_AUTH_URL: sandbox.authBaseUrl,
        CADASTO_CLIENT_ID: sandbox.clientId,
        CADASTO_CLIENT_SECRET: sandbox.clientSecret,
        CADASTO_SCOPE: "api.read api.write",
      }),
    });
    expect(stdout).toContain(`Quick start against the Cadasto tenant at ${sandbox.authBaseUrl}`);
    expect(stdout).toContain(`openEHR base URL  ${sandbox.apiBaseUrl}`);
    expect(sandbox.stats.tokenRequests).toBe(before + 1);
    expect(stdout).not.toContain(sandbox.clientSecret);
    expect(stdout).not.toMatch(JWT);
  });

  test("refuses a half-configured tenant before any request, naming the missing variables", async () => {
    const error = await run(process.execPath, [cli], { env: cleanEnv({ CADASTO_TENANT: "acme" }) }).catch(
      (caught: { code: number; stderr: string }) => caught,
    );
    expect(error).toMatchObject({ code: 1 });
    const { stderr } = error as { stderr: string };
    expect(stderr).toMatch(/- CADASTO_CLIENT_ID is not set/);
    expect(stderr).toMatch(/- CADASTO_CLIENT_SECRET is not set/);
  });

  test("follows the cadasto-* command conventions: --help on stdout with exit 0, an unknown flag is a usage error (exit 2)", async () => {
    const help = await run(process.execPath, [cli, "--help"], { env: cleanEnv() });
    expect(help.stdout).toMatch(/^Usage: cadasto-demo\n/);
    const error = await run(process.execPath, [cli, "--nope"], { env: cleanEnv() }).catch(
      (caught: { code: number; stderr: string }) => caught,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain("Run cadasto-demo --help for usage.");
  });
});
