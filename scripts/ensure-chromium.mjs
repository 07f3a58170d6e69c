#!/usr/bin/env node
// Makes sure a Chromium for the docs' browser tests exists before the tests run.
// Looks at $CHROMIUM_PATH, then the usual Debian/Ubuntu paths. When none is found
// and this is a Debian-like machine where we are root, installs Debian's `chromium`
// package with apt-get (the only way to get a browser on a machine without internet
// access beyond package mirrors); otherwise it stops with what to do.
// Prints the path it found on stdout's last line.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(
  (path) => typeof path === "string" && path !== "",
);

function findChromium() {
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

let found = findChromium();
if (found === undefined) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasCommand("apt-get")) {
    console.error(
      "No Chromium found for the docs' browser tests.\n" +
        "Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to its executable.",
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium package for the docs' browser tests (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
  found = findChromium();
  if (found === undefined) {
    console.error("apt-get finished but no chromium executable was found; set CHROMIUM_PATH.");
    process.exit(1);
  }
}
console.log(found);
