#!/usr/bin/env node
// Launcher of the `cadasto-sandbox` command, whose code is the compiled dist/cli.js.
// It exists so that package managers can link the command in a workspace before the
// package is built; in a workspace that was not built yet it says what to do.
import("../dist/cli.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.js")) {
    console.error("cadasto-sandbox: @cadasto/sandbox is not built yet. Run `pnpm build` in the repository first.");
    process.exit(1);
  }
  throw error;
});
