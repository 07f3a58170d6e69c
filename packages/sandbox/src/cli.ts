#!/usr/bin/env node
// The `cadasto-sandbox` command: see `_cli.ts`, or run it with --help.
// Ctrl-C / SIGTERM stop the sandbox; a second one exits at once.
import { runMain } from "@cadasto/core/cli";
import { command } from "./_cli.ts";

await runMain(command, { stopOnSignal: true });
