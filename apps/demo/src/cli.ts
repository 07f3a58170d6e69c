#!/usr/bin/env node
// cadasto-demo: runs the quick start once (sandbox or tenant from CADASTO_*), then exits.
import { type CliCommand, parseCommandLine, runMain } from "@cadasto/core/cli";
import { isDemoError } from "./errors.ts";
import { DEFAULT_OPTS, runQuickStart } from "./quick_start.ts";
import { startTarget } from "./start_target.ts";
import { targetFromEnv } from "./target.ts";

const USAGE = `Usage: cadasto-demo

Runs the quick start once: discover, a client credentials token, two template
uploads, the version list, one template fetched back. Against a local sandbox
it starts itself, or, when CADASTO_* variables are set, against that tenant:
CADASTO_TENANT (or CADASTO_AUTH_URL), CADASTO_CLIENT_ID and one of
CADASTO_CLIENT_SECRET, CADASTO_CLIENT_SECRET_FILE or CADASTO_PRIVATE_KEY_FILE
(read by @cadasto/auth's cadastoFromEnv; every problem is listed at once).

Exit codes: 0 ok, 1 a step failed (the message names it), 2 usage error.
`;

const command: CliCommand = {
  name: "cadasto-demo",
  usage: USAGE,
  async run(argv, io) {
    parseCommandLine(argv, {});
    const started = await startTarget(targetFromEnv(io.env ?? {}));
    io.stdout.write(`Quick start against ${started.description}\n`);
    try {
      await runQuickStart({ ...started.options, opts: DEFAULT_OPTS, log: (line) => io.stdout.write(`${line}\n`) });
    } finally {
      await started.sandbox?.close();
    }
    return 0;
  },
  describeError: (error) => (isDemoError(error) ? error.message : undefined),
  secrets: (io) => [{ clientId: io.env?.CADASTO_CLIENT_ID, secret: io.env?.CADASTO_CLIENT_SECRET ?? "" }],
};

await runMain(command);
