#!/usr/bin/env node
// The `cadasto-templates` command: see `_cli.ts`, or run it with --help.
import { runMain } from "@cadasto/core/cli";
import { command } from "./_cli.ts";

await runMain(command);
