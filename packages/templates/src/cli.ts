#!/usr/bin/env node
// The `cadasto-templates` command: see `_cli.ts`, or run it with --help.
import { runCli } from "./_cli.ts";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
