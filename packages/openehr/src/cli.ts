#!/usr/bin/env node
// The `cadasto-openehr` command: see `_cli.ts`, or run it with --help.
import { runMain } from "@cadasto/core/cli";
import { openEhrCommand } from "./_cli.ts";

// `cadasto-openehr query … | head` closes the pipe early: stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
await runMain(openEhrCommand, { stopOnSignal: true });
