// Drives the built command (dist/cli.js) as a CI pipeline runs it:
// credentials in the environment, the real sandbox over HTTP, real compositions.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { createTemplatesClient } from "@cadasto/templates";
import { clientCredentials } from "@cadasto/auth";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Run, runBuiltCommand } from "../../../test-support/built_command.ts";
import { FIXTURES, opt } from "../test/sandbox.ts";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const COMPOSITION = fileURLToPath(new URL("compositions/minimal_evaluation.json", FIXTURES));
const SECRET = "cli-secret-Zq8%w+/=";

let sandbox: Sandbox;
let env: Record<string, string>;
let versionId: string;

/** Runs the command asynchronously (the sandbox lives in this process and must keep serving). */
function run(args: readonly string[], extraEnv: Record<string, string | undefined> = env): Promise<Run> {
  return runBuiltCommand(CLI, args, extraEnv, 60_000);
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (turbo runs build before test)`);
  expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  sandbox = await startSandbox({ clients: [{ clientId: "ci", clientSecret: SECRET, scopes: ["api.read", "api.write"] }] });
  env = { CADASTO_AUTH_URL: sandbox.authBaseUrl, CADASTO_CLIENT_ID: "ci", CADASTO_CLIENT_SECRET: SECRET };
  const auth = clientCredentials({
    tokenEndpoint: sandbox.tokenEndpoint,
    clientId: "ci",
    clientSecret: SECRET,
    audience: sandbox.apiBaseUrl,
  });
  versionId = (await createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth }).upload(opt("minimal_evaluation.en.v1.opt"))).versionId;
});

afterAll(async () => {
  await sandbox?.close();
});

describe("cadasto-openehr", () => {
  test("--help prints the usage; a bad call is exit 2 and says to run --help", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: cadasto-openehr <command>");
    // Signing in loads the optional peers; the help says so, and names Ctrl-C's exit code.
    expect(help.stdout.replaceAll("\n", " ")).toContain(
      "Signing in needs @cadasto/auth and @cadasto/discovery installed next to this package.",
    );
    expect(help.stdout).toContain("2 usage error, 130 cancelled.");
    const bad = await run(["composition", "commit"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("composition commit needs <ehr_id> <file.json>");
    expect(bad.stderr).toContain("--help");
  });

  test("ehr create, composition commit pinned to a version, composition get, then query streams NDJSON and CSV", async () => {
    const created = await run(["ehr", "create", "--subject-id", "p-1", "--subject-namespace", "ci.example", "--json"]);
    expect(created.code).toBe(0);
    const { ehrId } = JSON.parse(created.stdout) as { ehrId: string };
    expect(ehrId).toMatch(/^[0-9a-f-]{36}$/);
    const got = await run(["ehr", "get", ehrId]);
    expect(got.stdout).toContain(ehrId);
    const committed = await run(["composition", "commit", ehrId, COMPOSITION, "--template-id", versionId]);
    expect(committed.code).toBe(0);
    const uid = committed.stdout.trim();
    expect(uid).toMatch(/::1$/);
    const again = await run(["composition", "commit", ehrId, COMPOSITION]);
    expect(again.code).toBe(0);
    const read = await run(["composition", "get", ehrId, uid]);
    expect(JSON.parse(read.stdout).archetype_details.template_id.value).toBe(versionId);
    const q =
      "SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $ehr ORDER BY c/uid/value";
    const ndjson = await run(["query", q, "--param", `ehr=${ehrId}`, "--format", "ndjson", "--page-size", "1"]);
    expect(ndjson.code).toBe(0);
    const rows = ndjson.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { uid: string; template: string });
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.uid)).toContain(uid);
    // Pages of one row: three requests (the last one empty).
    expect(sandbox.stats.requests["POST /query/aql"]).toBe(3);
    const csv = await run(["query", q, "--param", `ehr=${ehrId}`, "--format", "csv"]);
    expect(csv.stdout.split("\r\n")[0]).toBe("uid,template");
    expect(csv.stdout.trimEnd().split("\r\n")).toHaveLength(3);
    const table = await run(["query", q, "--param", `ehr=${ehrId}`]);
    expect(table.stdout.split("\n")[0]).toMatch(/^uid\s+template$/);
  });

  test("API errors are exit 1 with the server's reason; the secret never appears", async () => {
    const unknown = await run(["ehr", "get", "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("404");
    const malformed = await run(["ehr", "get", "nope"]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("is not an EHR id");
    const unsupported = await run(["query", "SELECT c FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value MATCHES {'a'}"]);
    expect(unsupported.code).toBe(1);
    expect(unsupported.stderr).toContain("MATCHES");
    const noCredentials = await run(["ehr", "create"], { CADASTO_AUTH_URL: sandbox.authBaseUrl });
    expect(noCredentials.code).toBe(1);
    expect(noCredentials.stderr).toContain("CADASTO_CLIENT_ID is not set");
    expect(noCredentials.stderr).toContain("CADASTO_CLIENT_SECRET is not set");
    for (const result of [unknown, malformed, unsupported]) expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
  });

  test("CADASTO_CLIENT_SECRET_FILE signs in; every configuration problem is named in one error without the secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cadasto-openehr-"));
    const secretFile = join(dir, "client-secret");
    writeFileSync(secretFile, `${SECRET}\n`);
    const fromFile = await run(["query", "SELECT e/ehr_id/value FROM EHR e", "--json"], {
      CADASTO_AUTH_URL: sandbox.authBaseUrl,
      CADASTO_CLIENT_ID: "ci",
      CADASTO_CLIENT_SECRET_FILE: secretFile,
    });
    expect(fromFile.stderr).toBe("");
    expect(fromFile.code).toBe(0);
    const before = sandbox.stats.tokenRequests;
    const both = await run(["ehr", "create"], {
      CADASTO_ENVIRONMENT: "staging",
      CADASTO_CLIENT_SECRET: SECRET,
      CADASTO_CLIENT_SECRET_FILE: secretFile,
    });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("4 problems");
    for (const name of [
      "CADASTO_ENVIRONMENT",
      "CADASTO_TENANT",
      "CADASTO_CLIENT_ID",
      "CADASTO_CLIENT_SECRET_FILE is set together with CADASTO_CLIENT_SECRET",
    ]) {
      expect(both.stderr).toContain(name);
    }
    expect(`${both.stdout}${both.stderr}`).not.toContain(SECRET);
    expect(sandbox.stats.tokenRequests).toBe(before);
  });

  test("a file that is not a composition is refused before any request", async () => {
    const before = sandbox.stats.apiRequests;
    const result = await run([
      "composition",
      "commit",
      "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d",
      fileURLToPath(new URL("templates/SOURCES.md", FIXTURES)),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not a composition");
    expect(sandbox.stats.apiRequests).toBe(before);
  });
});
