#!/usr/bin/env node
// Makes sure a redis-server exists for @cadasto/auth-redis's tests (they start their own
// on 127.0.0.1 on a free port, and stop it after). Looks at $REDIS_SERVER_PATH, then PATH
// and the usual Debian path. When none is found and this is a Debian-like machine where
// we are root, installs Debian's `redis-server` package with apt-get; otherwise it stops
// with what to install. Does not start a server. Prints the path it found on stdout's last line.
import { execFileSync, spawnSync } from "node:child_process";

const candidates = [process.env.REDIS_SERVER_PATH, "redis-server", "/usr/bin/redis-server", "/usr/local/bin/redis-server"].filter(
  (path) => typeof path === "string" && path !== "",
);

function findRedis() {
  for (const path of candidates) {
    const run = spawnSync(path, ["--version"], { stdio: "ignore" });
    if (!run.error && run.status === 0) return path;
  }
  return undefined;
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

let found = findRedis();
if (found === undefined) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasCommand("apt-get")) {
    console.error(
      "No redis-server found for @cadasto/auth-redis's tests.\n" +
        "Install one (Debian/Ubuntu: `sudo apt-get install -y redis-server`) or set REDIS_SERVER_PATH to its executable.",
    );
    process.exit(1);
  }
  console.log("Installing Debian's redis-server package for @cadasto/auth-redis's tests (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "redis-server"], { stdio: "inherit", env });
  found = findRedis();
  if (found === undefined) {
    console.error("apt-get finished but no redis-server executable was found; set REDIS_SERVER_PATH.");
    process.exit(1);
  }
}
console.log(found);
