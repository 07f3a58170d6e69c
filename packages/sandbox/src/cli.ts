#!/usr/bin/env node
// The `cadasto-sandbox` command: see `_cli.ts`, or run it with --help.
import { runCli } from "./_cli.ts";

const stop = new AbortController();
const onSignal = () => {
  if (stop.signal.aborted) process.exit(130); // a second Ctrl-C: give up waiting
  stop.abort();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: stop.signal,
});
process.off("SIGINT", onSignal);
process.off("SIGTERM", onSignal);
