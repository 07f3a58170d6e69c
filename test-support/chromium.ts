// Test helper for the packages' browser tests: a library bundled from its
// src as a web app would ship it, and headless Chromium to run it in.
// Imported by relative path, like fixtures/load_templates.ts: never
// published, node: modules only (each package brings its own esbuild and
// playwright-core and passes these options to them).
import { accessSync, constants } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * `chromium.launch()` options for headless Chromium at $CHROMIUM_PATH (else
 * /usr/bin/chromium); throws, saying what to install, when there is none.
 */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${executablePath}: run \`node scripts/ensure-chromium.mjs\` or \`apt-get install -y chromium\`, or set CHROMIUM_PATH.`,
    );
  }
  return {
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  };
}

/** The options {@linkcode browserBundleOptions} returns (esbuild `BuildOptions`). */
export interface BrowserBundleOptions {
  stdin: { contents: string; resolveDir: string; loader: "ts" };
  bundle: true;
  format: "iife";
  globalName: string;
  platform: "browser";
  target: string;
  write: false;
  logLevel: "silent";
}

/**
 * esbuild `build()` options that bundle `mod.ts` in `srcDir` for the browser
 * into one script (in memory) that sets `globalThis[globalName]` to the
 * module's exports.
 */
export function browserBundleOptions(srcDir: URL, globalName: string): BrowserBundleOptions {
  return {
    stdin: { contents: 'export * from "./mod.ts";', resolveDir: fileURLToPath(srcDir), loader: "ts" },
    bundle: true,
    format: "iife",
    globalName,
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  };
}
