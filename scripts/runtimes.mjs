#!/usr/bin/env node
// Runtime smoke: starts @cadasto/sandbox in this Node (20 in CI), then runs
// scripts/smoke/client.mjs — discover → token → upload an OPT → list →
// readOptMetadata → an EHR, a pinned composition and AQL → parseCredentialsRequest
// through the BUILT packages —
// under this Node, Node 24, Deno and Bun, and checks that every runtime passes
// and reports the same values as this Node.
//
// Runtimes: Deno and Bun are root devDependencies (their platform binaries
// come from the optional `@deno/*` / `@oven/bun-*` packages; their install
// scripts are not needed). Node 24 is the official binary package
// `node-<os>-<arch>` at an exact version, run through `npm exec` (it cannot be
// a root dependency: its `node` bin would shadow Node 20 in every script).
//
// Build first: npx -y pnpm@10.34.9 exec turbo run build
// Usage: node scripts/runtimes.mjs [node24|deno|bun …]   (default: all)
//        SMOKE_FIXTURE=path/to/file.opt picks another OPT (default: Koerpergroesse.opt, a non-ASCII template id)

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const smokeDir = join(root, "scripts", "smoke");
const NODE24 = "24.9.0";
const PACKAGES = ["discovery", "auth", "templates", "openehr", "credentials-request"];
const FIXTURE = resolve(process.env.SMOKE_FIXTURE ?? join(root, "fixtures", "templates", "Koerpergroesse.opt"));
const STEP_TIMEOUT_MS = 60_000;

const requireFromRoot = createRequire(join(root, "package.json"));

function fatal(message) {
  console.error(`runtimes: ${message}`);
  process.exit(1);
}

// --- the built packages, reachable by name from scripts/smoke ---
for (const name of [...PACKAGES, "sandbox"]) {
  if (!existsSync(join(root, "packages", name, "dist", "mod.js"))) {
    fatal(`packages/${name}/dist/mod.js is missing: build first (npx -y pnpm@10.34.9 exec turbo run build)`);
  }
}
const scope = join(smokeDir, "node_modules", "@cadasto");
rmSync(join(smokeDir, "node_modules"), { recursive: true, force: true });
mkdirSync(scope, { recursive: true });
for (const name of PACKAGES) {
  symlinkSync(relative(scope, join(root, "packages", name)), join(scope, name), "dir");
}

// --- the runtimes ---
function platformBinary(mainPackage, platformPackage, file) {
  try {
    const mainDir = dirname(requireFromRoot.resolve(`${mainPackage}/package.json`));
    const dir = dirname(createRequire(join(mainDir, "package.json")).resolve(`${platformPackage}/package.json`));
    const path = join(dir, file);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function denoBinary() {
  const arch = process.arch === "x64" ? "x64" : "arm64";
  const os = process.platform === "win32" ? "win32" : process.platform;
  const suffix = os === "linux" ? "-glibc" : "";
  return platformBinary("deno", `@deno/${os}-${arch}${suffix}`, os === "win32" ? "deno.exe" : "deno");
}

function bunBinary() {
  const arch = process.arch === "x64" ? "x64" : "aarch64";
  const os = process.platform === "win32" ? "windows" : process.platform;
  return platformBinary("bun", `@oven/bun-${os}-${arch}`, join("bin", os === "windows" ? "bun.exe" : "bun"));
}

function node24Binary() {
  const os = process.platform === "win32" ? "win" : process.platform;
  const pkg = `node-${os}-${process.arch}@${NODE24}`;
  try {
    const out = execFileSync("npm", ["exec", "--yes", `--package=${pkg}`, "--", "node", "-p", "process.execPath"], {
      cwd: smokeDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return out.trim().split("\n").at(-1);
  } catch (error) {
    console.error(`runtimes: could not get Node ${NODE24} (${pkg}): ${error.stderr ?? error.message}`);
    return undefined;
  }
}

const client = join(smokeDir, "client.mjs");
const allRuntimes = {
  node24: () => {
    const bin = node24Binary();
    return bin && { bin, args: [client] };
  },
  deno: () => {
    const bin = denoBinary();
    return bin && { bin, args: ["run", "--no-lock", "--no-prompt", "--allow-env", "--allow-net=127.0.0.1", "--allow-read", client] };
  },
  bun: () => {
    const bin = bunBinary();
    return bin && { bin, args: ["run", client] };
  },
};
const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in allRuntimes)) fatal(`unknown runtime ${name}; known: ${Object.keys(allRuntimes).join(", ")}`);
const chosen = wanted.length > 0 ? wanted : Object.keys(allRuntimes);

// --- the sandbox ---
const { startSandbox } = await import(pathToFileURL(join(root, "packages", "sandbox", "dist", "mod.js")).href);
const { generateSigningKey } = await import(pathToFileURL(join(root, "packages", "auth", "dist", "mod.js")).href);
// A second client authenticates with a private key (private_key_jwt, whose code @cadasto/auth loads on first use).
const signingKey = await generateSigningKey({ algorithm: "ES384" });
const sandbox = await startSandbox({
  clients: [
    { clientId: "smoke-client", clientSecret: crypto.randomUUID().replaceAll("-", "") },
    { clientId: "smoke-key-client", jwks: signingKey.jwks },
  ],
});
const env = {
  ...process.env,
  CADASTO_AUTH_URL: sandbox.authBaseUrl,
  CADASTO_API_URL: sandbox.apiBaseUrl,
  CADASTO_CLIENT_ID: sandbox.clientId,
  CADASTO_CLIENT_SECRET: sandbox.clientSecret,
  CADASTO_SCOPE: "api.read api.write",
  SMOKE_FIXTURE: FIXTURE,
  SMOKE_TOKEN_ENDPOINT: sandbox.tokenEndpoint,
  SMOKE_KEY_CLIENT_ID: "smoke-key-client",
  SMOKE_PRIVATE_KEY: signingKey.privateKeyPem,
  SMOKE_COMPOSITION: join(root, "fixtures", "compositions", "minimal_evaluation.json"),
  SMOKE_COMPOSITION_OPT: join(root, "fixtures", "templates", "minimal_evaluation.en.v1.opt"),
  NO_COLOR: "1",
};
delete env.NODE_OPTIONS;
console.log(`sandbox: ${sandbox.authBaseUrl} (API ${sandbox.apiBaseUrl}) in Node ${process.versions.node}`);

function run(name, bin, args) {
  return new Promise((done) => {
    const child = spawn(bin, args, { cwd: smokeDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), STEP_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      done({ name, ok: false, output: `could not start ${bin}: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith("SMOKE_RESULT "));
      const output = `${stdout}${stderr}`.replaceAll(sandbox.clientSecret, "[secret]").replaceAll(signingKey.privateKeyPem, "[key]").trim();
      if (code !== 0 || line === undefined) {
        const why = signal ? `killed by ${signal} after ${STEP_TIMEOUT_MS} ms` : `exit code ${code}`;
        done({ name, ok: false, output: `${why}\n${output}` });
      } else {
        done({ name, ok: true, output, result: JSON.parse(line.slice("SMOKE_RESULT ".length)) });
      }
    });
  });
}

function differences(expected, actual, path = "") {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  if (expected && actual && typeof expected === "object" && typeof actual === "object" && !Array.isArray(expected)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => differences(expected[key], actual[key], path ? `${path}.${key}` : key));
  }
  return [`${path || "result"}: ${JSON.stringify(actual)} (Node ${process.versions.node}: ${JSON.stringify(expected)})`];
}

const failures = [];
try {
  const baseline = await run(`node ${process.versions.node}`, process.execPath, [client]);
  console.log(`\n== ${baseline.name}\n${baseline.output}`);
  if (!baseline.ok) failures.push(`${baseline.name} (baseline) failed`);
  for (const name of chosen) {
    const runtime = allRuntimes[name]();
    if (!runtime) {
      failures.push(`${name}: binary not found (run the install; see the header of scripts/runtimes.mjs)`);
      continue;
    }
    const outcome = await run(name, runtime.bin, runtime.args);
    console.log(`\n== ${name} (${runtime.bin})\n${outcome.output}`);
    if (!outcome.ok) {
      failures.push(`${name}: the smoke test failed (see its output above)`);
    } else if (baseline.ok) {
      for (const diff of differences(baseline.result, outcome.result)) failures.push(`${name}: ${diff}`);
    }
  }
} finally {
  await sandbox.close();
  rmSync(join(smokeDir, "node_modules"), { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nRuntime smoke FAILED:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exit(1);
}
console.log(`\nRuntime smoke passed on Node ${process.versions.node}, ${chosen.join(", ")}.`);
