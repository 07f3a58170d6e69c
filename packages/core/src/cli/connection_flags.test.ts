import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScrubber } from "../scrubber.ts";
// Through mod.ts: the names as @cadasto/core/cli exports them.
import {
  CONNECTION_OPTIONS,
  connectionEnv,
  connectionFlags,
  connectionOptionsHelp,
  connectionSecrets,
  CREDENTIALS_HELP,
  isUsageError,
  parseCommandLine,
} from "./mod.ts";

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("connectionFlags()", () => {
  it("reads every connection flag of a command line parsed with CONNECTION_OPTIONS", () => {
    const argv = ["--api-url", "http://127.0.0.1:1/v1", "--auth-url", "http://127.0.0.1:2", "--tenant", "acme"];
    argv.push("--environment", "development", "--scope", "api.read", "--no-auth");
    expect(connectionFlags(parseCommandLine(argv, CONNECTION_OPTIONS).values)).toEqual({
      apiUrl: "http://127.0.0.1:1/v1",
      authUrl: "http://127.0.0.1:2",
      tenant: "acme",
      environment: "development",
      scope: "api.read",
      noAuth: true,
    });
    expect(connectionFlags(parseCommandLine([], CONNECTION_OPTIONS).values)).toEqual({ noAuth: false });
  });

  it("refuses --client-id and --client-secret as a usage error naming the variables, without the value", () => {
    for (const flag of ["--client-id", "--client-secret"]) {
      const error = caught(() => connectionFlags(parseCommandLine([flag, "s3cr3t-on-the-line"], CONNECTION_OPTIONS).values));
      expect(isUsageError(error), flag).toBe(true);
      expect((error as Error).message).toMatch(/environment only \(CADASTO_CLIENT_ID, CADASTO_CLIENT_SECRET\).*shell history/);
      expect((error as Error).message).not.toContain("s3cr3t-on-the-line");
    }
  });
});

describe("connectionEnv()", () => {
  it("puts each flag given over the variable it names and leaves the others and the input alone", () => {
    const env = { CADASTO_TENANT: "acme", CADASTO_SCOPE: "api.read", CADASTO_CLIENT_ID: "svc" };
    const vars = connectionEnv(env, { tenant: "beta", apiUrl: "http://127.0.0.1:1/v1", authUrl: "http://127.0.0.1:2", noAuth: false });
    expect(vars).toEqual({
      CADASTO_TENANT: "beta",
      CADASTO_SCOPE: "api.read",
      CADASTO_CLIENT_ID: "svc",
      CADASTO_API_URL: "http://127.0.0.1:1/v1",
      CADASTO_AUTH_URL: "http://127.0.0.1:2",
    });
    expect(connectionEnv({}, { environment: "acceptation", scope: "api.write", noAuth: true })).toEqual({
      CADASTO_ENVIRONMENT: "acceptation",
      CADASTO_SCOPE: "api.write",
    });
    expect(env.CADASTO_TENANT).toBe("acme");
  });
});

describe("connectionSecrets()", () => {
  it("is nothing without a client secret", () => {
    expect(connectionSecrets({})).toEqual([]);
    expect(connectionSecrets({ CADASTO_CLIENT_SECRET: " ", CADASTO_CLIENT_ID: "svc" })).toEqual([]);
  });

  it("scrubs the secret as it is sent (trimmed, and with the trimmed client id in a Basic header)", () => {
    const scrubber = createScrubber(connectionSecrets({ CADASTO_CLIENT_SECRET: " s3cr3t/value\n", CADASTO_CLIENT_ID: " svc " }));
    expect(scrubber.text(`Basic ${btoa(`svc:${encodeURIComponent("s3cr3t/value")}`)} and s3cr3t/value`)).toBe(
      "Basic [redacted] and [redacted]",
    );
  });
});

describe("connectionSecrets() with CADASTO_CLIENT_SECRET_FILE", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cadasto-secrets-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("scrubs the file's secret as auth sends it (trimmed), with the client id in a Basic header", async () => {
    const file = join(dir, "client-secret");
    await writeFile(file, "  file/s3cr3t\n");
    const scrubber = createScrubber(connectionSecrets({ CADASTO_CLIENT_SECRET_FILE: ` ${file} `, CADASTO_CLIENT_ID: "svc" }));
    expect(scrubber.text(`Basic ${btoa(`svc:${encodeURIComponent("file/s3cr3t")}`)} and file/s3cr3t`)).toBe(
      "Basic [redacted] and [redacted]",
    );
  });

  it("leaves a pipe unread for auth (reading would empty it; without a writer it would block)", () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    // A writer waits on the pipe, so a read here would not block: it would take the secret auth needs.
    const writer = spawn("sh", ["-c", 'printf pipe-secret > "$0"', fifo], { stdio: "ignore" });
    try {
      expect(connectionSecrets({ CADASTO_CLIENT_SECRET_FILE: fifo })).toEqual([]);
    } finally {
      writer.kill();
    }
  });

  it("is nothing for a missing or empty file (the command reports the missing file itself)", async () => {
    const empty = join(dir, "empty");
    await writeFile(empty, " \n");
    expect(connectionSecrets({ CADASTO_CLIENT_SECRET_FILE: join(dir, "missing") })).toEqual([]);
    expect(connectionSecrets({ CADASTO_CLIENT_SECRET_FILE: empty })).toEqual([]);
  });
});

describe("the connection help", () => {
  const documented = (help: string) => [...help.matchAll(/^ {2}(--[\w-]+)/gm)].map((match) => match[1]);

  it("lists every connection flag (but the refused credentials) in the option column, one line each", () => {
    const help = connectionOptionsHelp("upload");
    const flags = Object.keys(CONNECTION_OPTIONS)
      .filter((name) => !name.startsWith("client-"))
      .map((name) => `--${name}`);
    expect(documented(help)).toEqual(flags);
    // The description starts in column 36, as in every command's Options section.
    for (const line of help.split("\n"))
      expect(/^ {2}--[\w-]+(?: <\w+>)? {2,}$/.test(line.slice(0, 35)) && line[35] !== " ", line).toBe(true);
    expect(help).toContain("(default: CADASTO_SCOPE, else api.read, plus api.write to upload)");
    expect(help.endsWith("\n")).toBe(false);
  });

  it("says where every credential comes from", () => {
    for (const name of ["CLIENT_ID", "CLIENT_SECRET", "CLIENT_SECRET_FILE", "PRIVATE_KEY_FILE", "KEY_ID", "KEY_ALGORITHM"]) {
      expect(CREDENTIALS_HELP).toMatch(new RegExp(`\\bCADASTO_${name}\\b`));
    }
    expect(CREDENTIALS_HELP).toMatch(/^Credentials come from the environment only, never from arguments/);
    expect(CREDENTIALS_HELP.endsWith("\n")).toBe(false);
  });
});
