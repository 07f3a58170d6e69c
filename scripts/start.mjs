#!/usr/bin/env node
// `pnpm start` (after `turbo run build`): runs the quick start end to end — against
// the local sandbox, started here in-process, or against the Cadasto tenant the
// CADASTO_* variables name — then serves the built docs site on 127.0.0.1 (PORT or
// a free port) until Ctrl-C. Never prints the client secret or a token.
import { fileURLToPath } from "node:url";
import { DEFAULT_OPTS, isDemoError, runQuickStart, serveSite, startTarget, targetFromEnv } from "../apps/demo/dist/mod.js";

const siteDir = fileURLToPath(new URL("../apps/docs/.vitepress/dist/", import.meta.url));

function fail(error) {
  console.error(isDemoError(error) || !(error instanceof Error) ? String(error?.message ?? error) : `${error.name}: ${error.message}`);
  process.exit(1);
}

let started;
try {
  started = await startTarget(targetFromEnv(process.env));
  console.log(`Quick start against ${started.description}\n`);
  await runQuickStart({ ...started.options, opts: DEFAULT_OPTS });
} catch (error) {
  await started?.sandbox?.close();
  fail(error);
}

const port = process.env.PORT === undefined || process.env.PORT === "" ? 0 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(new Error(`PORT is "${process.env.PORT}": use a port number (0-65535).`));

let site;
try {
  site = await serveSite(siteDir, { port });
} catch (error) {
  await started?.sandbox?.close();
  fail(error?.code === "EADDRINUSE" ? new Error(`Port ${port} is in use: set PORT to a free port, or unset it for any free port.`) : error);
}

console.log(`\nDocumentation site: ${site.url}`);
if (started.sandbox !== undefined) {
  console.log(`Sandbox still running: auth ${started.sandbox.authBaseUrl}, API ${started.sandbox.apiBaseUrl}`);
}
console.log("Press Ctrl-C to stop.");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([site.close(), started.sandbox?.close()]);
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
