import { describe, expect, it } from "vitest";
import type { CliIo } from "./cli_io.ts";
import { EXIT_CODES } from "./exit_codes.ts";
import { parseCommandLine } from "./parse_command_line.ts";
import { type CliCommand, runCli } from "./run_cli.ts";
import { CommandError, isCommandError, isUsageError, UsageError } from "./usage_error.ts";

function collect(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text), isTTY: true },
    env,
  };
  return { io, out };
}

const USAGE = "Usage: demo-cmd [--fail <kind>]\n";

const command: CliCommand = {
  name: "demo-cmd",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandLine(argv, { fail: { type: "string" } });
    switch (values.fail) {
      case "usage":
        throw new UsageError("--fail usage was given");
      case "cancel":
        throw new CommandError("Cancelled: nothing was printed.", { exitCode: EXIT_CODES.cancelled });
      case "known":
        throw new RangeError(`the API said no to ${io.env?.SECRET}`);
      case "bug":
        throw new TypeError("undefined is not a function");
      case "value":
        throw "a string";
    }
    io.stdout.write(`ok ${io.env?.SECRET}\n`);
    io.stderr.write(`isTTY ${String(io.stderr.isTTY)}\n`);
    return EXIT_CODES.ok;
  },
  describeError: (error) => (error instanceof RangeError ? error.message : undefined),
  secrets: (io) => [io.env?.SECRET],
};

describe("runCli()", () => {
  it("prints the usage on stdout for -h and --help, exit 0", async () => {
    for (const flag of ["-h", "--help"]) {
      const { io, out } = collect();
      expect(await runCli(command, [flag], io)).toBe(0);
      expect(out).toEqual({ stdout: USAGE, stderr: "" });
    }
  });

  it("reports an unknown flag as a usage error, exit 2, pointing at --help", async () => {
    const { io, out } = collect();
    expect(await runCli(command, ["--nope"], io)).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/^demo-cmd: Unknown option '--nope'.*\nRun demo-cmd --help for usage\.\n$/s);
  });

  it("reports a UsageError thrown by the command the same way", async () => {
    const { io, out } = collect();
    expect(await runCli(command, ["--fail", "usage"], io)).toBe(2);
    expect(out.stderr).toBe("demo-cmd: --fail usage was given\nRun demo-cmd --help for usage.\n");
  });

  it("ends with a CommandError's exit code and message", async () => {
    const { io, out } = collect();
    expect(await runCli(command, ["--fail", "cancel"], io)).toBe(130);
    expect(out.stderr).toBe("Cancelled: nothing was printed.\n");
  });

  it("prints a known error through describeError, exit 1, scrubbed of the command's secrets", async () => {
    const { io, out } = collect({ SECRET: "s3cr3t-value" });
    expect(await runCli(command, ["--fail", "known"], io)).toBe(1);
    expect(out.stderr).toBe("demo-cmd: the API said no to [redacted]\n");
  });

  it("does not throw for an unexpected error or a thrown non-error: exit 1 with the stack", async () => {
    for (const kind of ["bug", "value"]) {
      const { io, out } = collect();
      await expect(runCli(command, ["--fail", kind], io)).resolves.toBe(1);
      expect(out.stderr).toMatch(/^demo-cmd: unexpected error \(please report it\): /);
    }
    const { out, io } = collect();
    await runCli(command, ["--fail", "bug"], io);
    expect(out.stderr).toContain("TypeError: undefined is not a function\n    at ");
  });

  it("does not throw when writing the error fails too", async () => {
    const io: CliIo = {
      stdout: { write: () => undefined },
      stderr: {
        write: () => {
          throw new Error("EPIPE");
        },
      },
    };
    await expect(runCli(command, ["--fail", "usage"], io)).resolves.toBe(2);
    await expect(runCli(command, ["--fail", "bug"], io)).resolves.toBe(1);
  });

  it("scrubs stdout too, and keeps isTTY", async () => {
    const { io, out } = collect({ SECRET: "s3cr3t-value" });
    expect(await runCli(command, [], io)).toBe(0);
    expect(out).toEqual({ stdout: "ok [redacted]\n", stderr: "isTTY true\n" });
  });

  it("hands the command its own streams' other members (columns, methods bound to the stream), only write scrubbed", async () => {
    class Stream {
      text = "";
      readonly columns = 80;
      readonly isTTY = true;
      write(chunk: string): boolean {
        this.text += chunk;
        return true;
      }
      cursorTo(x: number): string {
        return `${this.columns}:${x}`;
      }
    }
    const stderr = new Stream();
    const seen: unknown[] = [];
    const probe: CliCommand = {
      name: "probe",
      usage: "",
      run(_argv, io) {
        const err = io.stderr as unknown as Stream;
        seen.push(err.columns, err.isTTY, err.cursorTo(3));
        err.write(`secret ${io.env?.SECRET}\n`);
        return 0;
      },
      secrets: (io) => [io.env?.SECRET],
    };
    expect(await runCli(probe, [], { stdout: new Stream(), stderr, env: { SECRET: "s3cr3t-value" } })).toBe(0);
    expect(seen).toEqual([80, true, "80:3"]);
    expect(stderr.text).toBe("secret [redacted]\n");
  });
});

describe("runCli() output scrubbing", () => {
  it("removes a client secret in every form it is sent in, e.g. an echoed Basic header, from both streams", async () => {
    const clientId = "my-service";
    const secret = "s3cr3t/value+=";
    const basic = btoa(`${clientId}:${encodeURIComponent(secret).replaceAll("%20", "+")}`);
    const echo: CliCommand = {
      name: "echo",
      usage: "",
      run(_argv, io) {
        io.stdout.write(`Authorization: Basic ${basic}\n`);
        throw new RangeError(`client_secret=${encodeURIComponent(secret)} and ${secret}`);
      },
      describeError: (error) => (error instanceof RangeError ? error.message : undefined),
      secrets: (io) => [{ clientId: io.env?.CADASTO_CLIENT_ID, secret: io.env?.CADASTO_CLIENT_SECRET ?? "" }],
    };
    const { io, out } = collect({ CADASTO_CLIENT_ID: clientId, CADASTO_CLIENT_SECRET: secret });
    expect(await runCli(echo, [], io)).toBe(1);
    expect(out.stdout).toBe("Authorization: Basic [redacted]\n");
    expect(out.stderr).toBe("echo: client_secret=[redacted] and [redacted]\n");
  });
});

describe("the cli errors", () => {
  it("carry brands their guards check", () => {
    expect(isUsageError(new UsageError("x"))).toBe(true);
    expect(isUsageError(new CommandError("x"))).toBe(false);
    expect(isCommandError(new CommandError("x"))).toBe(true);
    expect(new CommandError("x").exitCode).toBe(1);
  });
});
