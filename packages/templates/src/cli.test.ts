// Drives the built command (dist/cli.js) as a CI pipeline runs it: credentials
// in the environment, the real sandbox over HTTP, the real OPT fixtures.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKey, type GeneratedSigningKey } from "@cadasto/auth";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Run, runBuiltCommand } from "../../../test-support/built_command.ts";
import { FIXTURES_DIR } from "../test/fixtures.ts";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cadasto-templates-"));
const opt = (file: string) => fileURLToPath(new URL(file, FIXTURES_DIR));
const SECRET = "cli-secret-Zq8%w+/=";

let sandbox: Sandbox;
let env: Record<string, string>;
let key: GeneratedSigningKey;

/** Runs the command asynchronously (the sandbox lives in this process and must keep serving). */
function run(args: readonly string[], extraEnv: Record<string, string | undefined> = env): Promise<Run> {
  return runBuiltCommand(CLI, args, extraEnv, 30_000);
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (turbo runs build before test)`);
  expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  key = await generateSigningKey({ algorithm: "ES384" });
  sandbox = await startSandbox({
    clients: [
      { clientId: "ci", clientSecret: SECRET, scopes: ["api.read", "api.write"] },
      { clientId: "ci-key", jwks: key.jwks as never, scopes: ["api.read"] },
    ],
  });
  env = { CADASTO_AUTH_URL: sandbox.authBaseUrl, CADASTO_CLIENT_ID: "ci", CADASTO_CLIENT_SECRET: SECRET };
});

afterAll(async () => {
  await sandbox?.close();
});

describe("cadasto-templates: usage", () => {
  test("--help prints the usage and exits 0", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: cadasto-templates <command>");
    expect(stdout).toContain("Exit codes: 0 ok, 1 API or input error");
  });

  test.each([
    [[], /a command is missing/],
    [["publish", "x.opt"], /unknown command "publish"/],
    [["get"], /get needs an id/],
    [["versions", "a", "b"], /versions takes one argument/],
    [["list", "--format", "opt"], /--format does not apply to list/],
    [["get", "x", "--format", "pdf"], /--format must be opt or web-template/],
    [["list", "--bogus"], /Unknown option '--bogus'/],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain("cadasto-templates --help");
  });

  test("a secret given as an argument is refused, and not echoed", async () => {
    const { code, stderr } = await run(["list", "--client-secret", "s3cr3t-on-the-command-line"]);
    expect(code).toBe(2);
    expect(stderr).toContain("CADASTO_CLIENT_SECRET");
    expect(stderr).not.toContain("s3cr3t-on-the-command-line");
  });
});

describe("cadasto-templates inspect (offline)", () => {
  test("prints each OPT's identity without credentials or network", async () => {
    const { code, stdout } = await run(["inspect", opt("Koerpergroesse.opt"), opt("Demo_Vitals.opt")], {});
    expect(code).toBe(0);
    expect(stdout).toContain("template_id:  Körpergröße");
    expect(stdout).toContain("archetype_id: openEHR-EHR-COMPOSITION.registereintrag.v1");
    expect(stdout).toContain("template_id:  Demo Vitals");
    expect(stdout).toContain("concept:      Vitals");
  });

  test("a missing file is exit 1 naming the path", async () => {
    const { code, stderr } = await run(["inspect", join(dir, "nope.opt")], {});
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope\.opt: cannot read .*nope\.opt: ENOENT; check the path/);
  });

  test("--json gives one object per file; a broken file fails with its line and column (exit 1)", async () => {
    const broken = join(dir, "broken.opt");
    writeFileSync(broken, '<?xml version="1.0"?>\n<template xmlns="http://schemas.openehr.org/v1">\n  <template_id><value>x</value>\n');
    const { code, stdout, stderr } = await run(["inspect", "--json", opt("minimal_evaluation.en.v1.opt"), broken], {});
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(results[0]).toMatchObject({ templateId: "minimal_evaluation.en.v1", uid: expect.any(String) });
    expect(results[1]).toMatchObject({ file: broken, error: { code: "not_xml" } });
    expect(stderr).toMatch(/broken\.opt: .*line \d+/);
  });
});

describe("cadasto-templates against the sandbox", () => {
  test("ensure uploads once, then reports unchanged", async () => {
    const first = await run(["ensure", opt("family_history.v.1.2.3.opt")]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/^uploaded .*family_history\.v\.1\.2\.3\.opt as family_history\.v\.1\.2\.3::[0-9a-f-]{36}\n$/);
    const second = await run(["ensure", opt("family_history.v.1.2.3.opt")]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^unchanged .*family_history\.v\.1\.2\.3\.opt \(latest version family_history\.v\.1\.2\.3::/);
    const json = await run(["ensure", "--json", opt("family_history.v.1.2.3.opt")]);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ uploaded: false, templateId: "family_history.v.1.2.3", versionId: expect.stringContaining("::") }),
    ]);
  });

  test("upload --progress draws progress on stderr; list, versions and get --out read it back", async () => {
    const up = await run(["upload", "--progress", opt("Koerpergroesse.opt")]);
    expect(up.code).toBe(0);
    expect(up.stderr).toContain("Koerpergroesse.opt [");
    expect(up.stderr).toContain("100%");
    const versionId = /as (Körpergröße::[0-9a-f-]{36})/.exec(up.stdout)?.[1];
    expect(versionId).toBeDefined();

    const list = await run(["list", "--template-id", "Körpergröße"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(versionId);

    const versions = await run(["versions", "Körpergröße", "--json"]);
    expect((JSON.parse(versions.stdout) as Array<{ versionId: string }>)[0]?.versionId).toBe(versionId);

    const out = join(dir, "back.opt");
    const get = await run(["get", versionId ?? "", "--out", out]);
    expect(get.code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(opt("Koerpergroesse.opt")))).toBe(true);
  });

  test("a broken file stops upload before any request (exit 1)", async () => {
    const broken = join(dir, "plain.opt");
    writeFileSync(broken, "this is not XML");
    const before = sandbox.stats.apiRequests;
    const { code, stdout, stderr } = await run(["upload", opt("minimal_evaluation.en.v1.opt"), broken]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("plain.opt");
    expect(sandbox.stats.apiRequests).toBe(before);
  });

  test("get --format web-template from a server without web templates is exit 1 with the 406", async () => {
    await run(["upload", opt("minimal_evaluation.en.v1.opt")]);
    const { code, stdout, stderr } = await run(["get", "minimal_evaluation.en.v1", "--format", "web-template"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("406");
    expect(stderr).toContain('use format "opt"');
  });

  test("list --json prints typed entries with the server's fields", async () => {
    await run(["upload", opt("minimal_evaluation.en.v1.opt")]);
    const { code, stdout } = await run(["list", "--json", "--template-id", "minimal_evaluation.en.v1"]);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({
      templateId: "minimal_evaluation.en.v1",
      versionId: expect.stringMatching(/^minimal_evaluation\.en\.v1::/),
      fields: expect.objectContaining({ template_id: expect.any(String), created_timestamp: expect.any(String) }),
    });
  });

  test("an unknown template is exit 1 with what to do", async () => {
    const { code, stderr } = await run(["get", "No Such Template"]);
    expect(code).toBe(1);
    expect(stderr).toContain("404");
    expect(stderr).toContain("check the id with list()");
  });

  test("missing credentials are named, and nothing is sent", async () => {
    const before = sandbox.stats.tokenRequests;
    const { code, stderr } = await run(["list"], { CADASTO_AUTH_URL: sandbox.authBaseUrl });
    expect(code).toBe(1);
    expect(stderr).toContain("CADASTO_CLIENT_ID is not set");
    expect(stderr).toContain("CADASTO_CLIENT_SECRET is not set");
    expect(sandbox.stats.tokenRequests).toBe(before);
  });

  test("every configuration problem is named in one error, the secret is not echoed, and nothing is sent", async () => {
    const before = sandbox.stats.tokenRequests;
    const secretFile = join(dir, "unused-secret");
    writeFileSync(secretFile, SECRET);
    const { code, stdout, stderr } = await run(["list"], {
      CADASTO_ENVIRONMENT: "staging",
      CADASTO_CLIENT_SECRET: SECRET,
      CADASTO_CLIENT_SECRET_FILE: secretFile,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("4 problems");
    for (const name of [
      "CADASTO_ENVIRONMENT",
      "CADASTO_TENANT",
      "CADASTO_CLIENT_ID",
      "CADASTO_CLIENT_SECRET_FILE is set together with CADASTO_CLIENT_SECRET",
    ]) {
      expect(stderr).toContain(name);
    }
    expect(`${stdout}${stderr}`).not.toContain(SECRET);
    expect(sandbox.stats.tokenRequests).toBe(before);
  });

  test("CADASTO_CLIENT_SECRET_FILE (a mounted secret) and CADASTO_PRIVATE_KEY_FILE (private_key_jwt) sign in", async () => {
    const secretFile = join(dir, "client-secret");
    writeFileSync(secretFile, `${SECRET}\n`);
    const fromFile = await run(["list", "--json"], {
      CADASTO_AUTH_URL: sandbox.authBaseUrl,
      CADASTO_CLIENT_ID: "ci",
      CADASTO_CLIENT_SECRET_FILE: secretFile,
    });
    expect(fromFile.stderr).toBe("");
    expect(fromFile.code).toBe(0);
    expect(Array.isArray(JSON.parse(fromFile.stdout))).toBe(true);
    const keyFile = join(dir, "client-key.pem");
    writeFileSync(keyFile, key.privateKeyPem);
    const withKey = await run(["list", "--json"], {
      CADASTO_AUTH_URL: sandbox.authBaseUrl,
      CADASTO_CLIENT_ID: "ci-key",
      CADASTO_PRIVATE_KEY_FILE: keyFile,
      CADASTO_KEY_ID: key.keyId,
    });
    expect(withKey.stderr).toBe("");
    expect(withKey.code).toBe(0);
    expect(Array.isArray(JSON.parse(withKey.stdout))).toBe(true);
    const missing = await run(["list"], {
      CADASTO_AUTH_URL: sandbox.authBaseUrl,
      CADASTO_CLIENT_ID: "ci",
      CADASTO_CLIENT_SECRET_FILE: join(dir, "no-such-secret"),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("provider");
  });

  test("an unknown CADASTO_ENVIRONMENT and a missing auth server say which variable to set", async () => {
    const environment = await run(["list"], { ...env, CADASTO_ENVIRONMENT: "staging" });
    expect(environment.code).toBe(1);
    expect(environment.stderr).toContain("production, acceptation, development");
    const noServer = await run(["list"], { CADASTO_CLIENT_ID: "ci", CADASTO_CLIENT_SECRET: SECRET });
    expect(noServer.code).toBe(1);
    expect(noServer.stderr).toContain("CADASTO_TENANT");
  });

  test("an http API URL on a public host is refused before discovery or any request", async () => {
    // The auth URL points at a closed port: reaching discovery would fail differently.
    const { code, stderr } = await run(["list"], {
      ...env,
      CADASTO_AUTH_URL: "http://127.0.0.1:9",
      CADASTO_API_URL: "http://ehr.example.org/openehr/v1",
    });
    expect(code).toBe(1);
    expect(stderr).toContain("CADASTO_API_URL uses http on ehr.example.org");
  });

  test("a wrong secret fails with the OAuth error, and no output carries a secret", async () => {
    const wrong = "wrong-secret-0000-Zq8";
    const { code, stdout, stderr } = await run(["list"], { ...env, CADASTO_CLIENT_SECRET: wrong });
    expect(code).toBe(1);
    expect(stderr).toContain("invalid_client");
    for (const text of [stdout, stderr]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(SECRET);
    }
  });

  test("--no-auth sends no token: the sandbox answers 401 and the message says what to check", async () => {
    const { code, stderr } = await run(["list", "--no-auth"], { CADASTO_API_URL: sandbox.apiBaseUrl });
    expect(code).toBe(1);
    expect(stderr).toContain("401");
    expect(stderr).toContain("drop it and set CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET");
  });
});

describe("cadasto-templates get --out", () => {
  test("writes the bytes exactly as the server sent them, even when they are not UTF-8", async () => {
    // An OPT in ISO-8859-1 (as some modelling tools write it): decoding it as UTF-8 and
    // encoding it again would replace "ö" (0xF6) with U+FFFD. A plain HTTP server serves it.
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<template xmlns="http://schemas.openehr.org/v1"><concept>Körpergröße</concept></template>\n',
      "latin1",
    );
    const server = createServer((_request, response) => {
      response.setHeader("content-type", "application/xml");
      response.end(latin1);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openehr/v1`;
      const out = join(dir, "latin1.opt");
      const { code, stderr } = await run(["get", "Körpergröße", "--no-auth", "--out", out], { CADASTO_API_URL: apiUrl });
      expect({ code, stderr }).toEqual({ code: 0, stderr: `wrote Körpergröße (opt, ${latin1.byteLength} bytes) to ${out}\n` });
      expect(readFileSync(out).equals(latin1)).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
