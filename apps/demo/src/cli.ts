#!/usr/bin/env node
// cadasto-demo: runs the quick start once (sandbox or tenant from CADASTO_*), then exits.
import { isDemoError } from "./errors.ts";
import { DEFAULT_OPTS, runQuickStart } from "./quick_start.ts";
import { startTarget } from "./start_target.ts";
import { targetFromEnv } from "./target.ts";

try {
  const started = await startTarget(targetFromEnv(process.env));
  console.log(`Quick start against ${started.description}`);
  try {
    await runQuickStart({ ...started.options, opts: DEFAULT_OPTS });
  } finally {
    await started.sandbox?.close();
  }
} catch (error) {
  console.error(isDemoError(error) ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
}
