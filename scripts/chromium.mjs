// The Chromium the packages' browser tests launch (with playwright-core), found one way
// for every test: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. A test that cannot
// find it fails and says what to install (scripts/ensure-chromium.mjs installs it).
import { accessSync, constants } from "node:fs";

/** Flags for headless Chromium in CI: no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

/** The Chromium executable; throws saying what to install when there is none. */
export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${path}: run \`node scripts/ensure-chromium.mjs\` or \`apt-get install -y chromium\`, or set CHROMIUM_PATH.`,
    );
  }
  return path;
}
