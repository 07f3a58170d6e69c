// Drives the built command (dist/cli.js) as users run it: flags, a file,
// stdin, piped answers to the prompts, and a pseudo-terminal through `script`.
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { parseCredentialsRequest, renderEmail, toClientMetadata, toJSON } from "./mod.ts";
import { goldenPath } from "../test/golden.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cadasto-credentials-request-"));

function run(args: readonly string[], input = "") {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const golden = (name: string) => readFileSync(goldenPath(name), "utf8");

const m2mFlags = [
  "--name",
  "Acme Lab Sync",
  "--environment",
  "acceptation,production",
  "--scope",
  "api.read",
  "--scope",
  "api.write",
  "--contact-name",
  "Jane Doe",
  "--contact-email",
  "jane.doe@acme.example",
  "--team",
  "#lab-integrations",
  "--description",
  machineToMachine.description,
];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (turbo runs build before test)`);
  expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
});

describe("cadasto-credentials-request, non-interactive", () => {
  test("--help prints the usage and exits 0", () => {
    const { code, stdout } = run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: cadasto-credentials-request");
    expect(stdout).toContain("Exit codes: 0 ok, 1 invalid request, 2 usage error, 130 cancelled");
  });

  test("prints the golden email for a client-credentials service given as flags", () => {
    const { code, stdout, stderr } = run(m2mFlags);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(golden("email_client_credentials.txt"));
  });

  test("prints the golden email for a browser app with PKCE read from --file", () => {
    const { code, stdout, stderr } = run(["--file", writeJson("browser.json", browserApp)]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(golden("email_browser_pkce.txt"));
  });

  test("--format markdown prints the golden Markdown", () => {
    const { code, stdout } = run(["--file", writeJson("browser-md.json", browserApp), "--format", "markdown"]);
    expect(code).toBe(0);
    expect(stdout).toBe(golden("markdown_browser_pkce.md"));
  });

  test("flags override the fields of --file", () => {
    const { code, stdout } = run([
      "--file",
      writeJson("m2m.json", machineToMachine),
      "--name",
      "Acme Lab Sync 2",
      "--contact-email",
      "ops@acme.example",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("Subject: Request: Cadasto API client credentials for Acme Lab Sync 2\n");
    expect(stdout).toContain("Contact: Jane Doe <ops@acme.example>\n");
  });

  test("reads JSON on stdin and prints --format json that parses back to the same request", () => {
    const { code, stdout } = run(["--format", "json"], JSON.stringify(browserApp));
    expect(code).toBe(0);
    const { request } = parseCredentialsRequest(browserApp);
    expect(JSON.parse(stdout)).toEqual(toJSON(request));
    expect(parseCredentialsRequest(JSON.parse(stdout)).request).toEqual(request);
  });

  test("--file - reads stdin", () => {
    const { code, stdout } = run(["--file", "-", "--format", "rfc7591"], JSON.stringify(machineToMachine));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(toClientMetadata(parseCredentialsRequest(machineToMachine).request));
  });

  test("--jwks attaches a public JWKS to the rfc7591 metadata; a private key or another format is refused", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
    const jwks = { keys: [{ ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "ES384", use: "sig" }] };
    const ok = run([...m2mFlags, "--format", "rfc7591", "--jwks", writeJson("jwks.json", jwks)]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ token_endpoint_auth_method: "private_key_jwt", jwks });
    const secret = privateKey.export({ format: "jwk" });
    const refused = run([...m2mFlags, "--format", "rfc7591", "--jwks", writeJson("private.json", secret)]);
    expect(refused).toMatchObject({ code: 1, stdout: "" });
    expect(refused.stderr).toMatch(/private member "d"/);
    expect(refused.stderr).not.toContain(String(secret.d));
    expect(run([...m2mFlags, "--jwks", writeJson("jwks2.json", jwks)])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--format rfc7591"),
    });
  });

  test("--format rfc7591 prints client metadata for a PKCE app given as flags", () => {
    const { code, stdout } = run([
      "--name",
      "Acme Portal",
      "--environment",
      "development",
      "--flow",
      "authorization-code-pkce",
      "--redirect-uri",
      "https://portal.acme.example/cb",
      "--origin",
      "https://portal.acme.example",
      "--scope",
      "api.read",
      "--contact-name",
      "Jane",
      "--contact-email",
      "jane@acme.example",
      "--description",
      "Portal.",
      "--format",
      "rfc7591",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      redirect_uris: ["https://portal.acme.example/cb"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    });
  });

  test("--mailto prints a link that decodes to the email", () => {
    const { code, stdout } = run([...m2mFlags, "--mailto", "support@cadasto.example"]);
    expect(code).toBe(0);
    const url = new URL(stdout.trim());
    const { subject, body } = renderEmail(parseCredentialsRequest(machineToMachine).request);
    expect(url.protocol).toBe("mailto:");
    expect(url.searchParams.get("subject")).toBe(subject);
    expect(url.searchParams.get("body")).toBe(body.replaceAll("\n", "\r\n"));
  });

  test("prints warnings on stderr and still exits 0", () => {
    const { code, stderr } = run([
      "--file",
      writeJson("staging.json", { ...machineToMachine, environments: ["staging"], scopes: "api.read fhir.read" }),
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('warning: environments: "staging" is the older name');
    expect(stderr).toContain('warning: scopes: "fhir.read" is not a scope Cadasto documents');
  });

  test("exits 1 and lists every problem with its field and flag on stderr", () => {
    const { code, stdout, stderr } = run([
      "--name",
      "Acme",
      "--flow",
      "client-credentials",
      "--redirect-uri",
      "http://app.example.com/cb#x",
      "--origin",
      "https://app.example.com/",
      "--contact-email",
      "nope",
      "--environment",
      "prod",
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("The credentials request has 8 problems:");
    expect(lines.slice(1).map((line) => line.slice(0, line.indexOf(":")))).toEqual([
      "  - environments.0 (--environment)",
      "  - redirectUris.0 (--redirect-uri)",
      "  - redirectUris.0 (--redirect-uri)",
      "  - allowedOrigins.0 (--origin)",
      "  - scopes (--scope)",
      "  - contact.name (--contact-name)",
      "  - contact.email (--contact-email)",
      "  - description (--description)",
    ]);
  });

  test("exits 1 when the client-credentials flow has redirect URIs, saying why", () => {
    const { code, stderr } = run([...m2mFlags, "--flow", "client-credentials", "--redirect-uri", "https://app.example.com/cb"]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      "redirectUris (--redirect-uri): A client-credentials (machine-to-machine) client never sends users to sign in",
    );
  });

  test("exits 1 when stdin is not JSON", () => {
    const { code, stderr } = run([], "{ not json");
    expect(code).toBe(1);
    expect(stderr).toContain("stdin is not valid JSON");
  });

  test.each([
    ["an unknown option", ["--colour"], "Unknown option '--colour'"],
    ["an unknown format", [...m2mFlags, "--format", "pdf"], "--format must be one of email, markdown, json, rfc7591"],
    ["a positional argument", ["request.json"], "Unexpected argument"],
    ["a missing file", ["--file", join(dir, "missing.json")], "cannot read"],
    ["--mailto with a bad address", [...m2mFlags, "--mailto", "support"], '--mailto: "support" is not an email address'],
    ["--mailto with --format", [...m2mFlags, "--mailto", "a@b.example", "--format", "json"], "leave out --format"],
    ["no request at all", [], "no request given"],
  ])("exits 2 on %s", (_name, args, message) => {
    const { code, stdout, stderr } = run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).toContain("Run cadasto-credentials-request --help for usage.");
  });
});

/** The answers, one per line, in the order the command asks. */
const m2mAnswers = [
  "Acme Lab Sync",
  machineToMachine.description,
  "prod", // refused: re-asked with the explanation
  "acceptation, production",
  "", // flow: the default, client-credentials
  "api.read api.write",
  "Jane Doe",
  "jane.doe@acme", // refused
  "jane.doe@acme.example",
  "#lab-integrations",
].join("\n");

describe("cadasto-credentials-request, interactive", () => {
  test("asks each question over piped answers, re-asks invalid ones with the explanation, prints the golden email", () => {
    const { code, stdout, stderr } = run(["--interactive"], `${m2mAnswers}\n`);
    expect(code).toBe(0);
    expect(stdout).toBe(golden("email_client_credentials.txt"));
    expect(stderr).toContain('! "prod" is not a Cadasto environment: use development, acceptation or production.');
    expect(stderr).toContain('! "jane.doe@acme" is not an email address');
    expect(stderr.match(/^Environments \(/gm)).toHaveLength(2);
  });

  test("asks for redirect URIs of an authorization-code-pkce app until one is given", () => {
    const answers = [
      "Acme Portal",
      "Clinicians browse templates.",
      "development",
      "pkce",
      "", // refused: PKCE needs a redirect URI
      "https://portal.acme.example/cb",
      "https://portal.acme.example/app", // refused: an origin has no path
      "https://portal.acme.example",
      "",
      "Ravi Kumar",
      "ravi.kumar@acme.example",
      "",
    ].join("\n");
    const { code, stdout, stderr } = run(["--interactive", "--format", "rfc7591"], `${answers}\n`);
    expect(code).toBe(0);
    expect(stderr).toContain("authorization-code-pkce sends users back to a redirect URI after they sign in");
    expect(stderr).toContain('has a path, but an origin is only scheme, host and port: use "https://portal.acme.example"');
    expect(JSON.parse(stdout)).toEqual({
      client_name: "Acme Portal",
      redirect_uris: ["https://portal.acme.example/cb"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      scope: "api.read",
      contacts: ["ravi.kumar@acme.example"],
    });
  });

  test("skips the questions its flags answer", () => {
    const rest = m2mAnswers.split("\n").slice(1).join("\n");
    const { code, stdout, stderr } = run(["--interactive", "--name", "Acme Lab Sync"], `${rest}\n`);
    expect(code).toBe(0);
    expect(stderr).not.toContain("Application name:");
    expect(stdout).toBe(golden("email_client_credentials.txt"));
  });

  test("exits 2 when the answers end early", () => {
    const { code, stderr } = run(["--interactive"], "Acme Lab Sync\n");
    expect(code).toBe(2);
    expect(stderr).toContain("the input ended before every question was answered");
  });

  test("prompts by itself in a pseudo-terminal (script)", () => {
    const result = spawnSync("script", ["-qefc", `"${process.execPath}" "${CLI}" --format json`, "/dev/null"], {
      input: `${m2mAnswers}\n`,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
    const output = result.stdout.replaceAll("\r\n", "\n");
    expect(output).toContain("Application name: ");
    expect(output).toContain('! "prod" is not a Cadasto environment');
    const json = output.slice(output.lastIndexOf('{\n  "applicationName"'));
    expect(JSON.parse(json)).toEqual(toJSON(parseCredentialsRequest(machineToMachine).request));
  });

  test("Ctrl-C at a prompt in a pseudo-terminal cancels with exit code 130 and prints nothing on stdout", async () => {
    const child = spawn("script", ["-qefc", `"${process.execPath}" "${CLI}"`, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("Application name: ")) resolve();
      });
    });
    child.stdin.write("\u0003");
    expect(await exited).toBe(130);
    expect(output).toContain("Cancelled: nothing was printed.");
    expect(output).not.toContain("Subject:");
  });
});
