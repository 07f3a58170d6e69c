#!/usr/bin/env node
// A user's first compile: packs every published package (packages/* without
// "private": true), installs the tarballs into a fresh project in a temp folder
// (offline: the packages unpacked from their tarballs, their third-party dependencies
// linked from the local pnpm store; optional peers (redis, ioredis, …) are NOT installed), and
// compiles a TypeScript file that imports every package's entry with
// `skipLibCheck: false` and `strict`, as a careful user's project does. So a
// published .d.ts that needs a module the user does not have (an optional peer, say) fails here.
// Packages must be built first (`pnpm build`).
//
// Usage: node scripts/check-consumer.mjs [--keep]   (--keep leaves the temp project)
// Exit code 0 when the project compiles, 1 otherwise (the compiler's errors printed).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { publishedPackages, root, sourceEntries } from "./packages.mjs";

const PNPM = ["-y", "pnpm@10.34.9"];
const keep = process.argv.includes("--keep");

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

class Failure extends Error {}
function fail(message) {
  throw new Failure(message);
}

const packagesDir = join(root, "packages");
const published = publishedPackages();
if (published.length === 0) {
  console.error("FAIL  no published package under packages/");
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "check-consumer-"));
try {
  // 1. Pack each package (pnpm pack resolves workspace: ranges).
  const tarballs = {};
  for (const { dir, manifest } of published) {
    if (!existsSync(join(packagesDir, dir, "dist"))) fail(`${manifest.name}: dist/ is missing; build first (npx -y pnpm@10.34.9 build)`);
    const packed = run("npx", [...PNPM, "pack", "--pack-destination", join(work, "tarballs"), "--json"], join(packagesDir, dir));
    if (!packed.ok) fail(`${manifest.name}: pnpm pack failed:\n${packed.output}`);
    const info = JSON.parse(packed.output.slice(packed.output.indexOf("{")));
    tarballs[manifest.name] = `file:${resolve(join(work, "tarballs"), info.filename)}`;
  }

  // 2. A fresh project: each tarball unpacked into its node_modules, as a package manager
  //    does; each third-party dependency linked from the local pnpm store (the version the
  //    workspace resolved), never fetched. Optional peers are not installed.
  const project = join(work, "project");
  const modules = join(project, "node_modules");
  mkdirSync(modules, { recursive: true });
  const linked = new Map();
  const optionalPeers = new Set();
  const link = (name, from) => {
    const target = realpathSync(from);
    if (linked.has(name)) {
      if (linked.get(name) !== target) fail(`two packages need different copies of ${name}: ${linked.get(name)} and ${target}`);
      return;
    }
    linked.set(name, target);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(target, join(modules, name), "dir");
  };
  for (const { dir, manifest } of published) {
    const destination = join(modules, ...manifest.name.split("/"));
    mkdirSync(destination, { recursive: true });
    const untar = run("tar", ["-xzf", tarballs[manifest.name].slice("file:".length), "-C", destination, "--strip-components=1"], project);
    if (!untar.ok) fail(`${manifest.name}: cannot unpack its tarball:\n${untar.output}`);
    const packed = JSON.parse(readFileSync(join(destination, "package.json"), "utf8"));
    const required = { ...packed.dependencies };
    for (const [name, range] of Object.entries(packed.peerDependencies ?? {})) {
      if (packed.peerDependenciesMeta?.[name]?.optional !== true) required[name] = range;
      else optionalPeers.add(name);
    }
    for (const name of Object.keys(required)) {
      if (tarballs[name]) continue; // a sibling: unpacked from its own tarball
      const from = join(packagesDir, dir, "node_modules", name);
      if (!existsSync(from))
        fail(`${manifest.name} depends on ${name}, which the workspace has not installed (run npx -y pnpm@10.34.9 install)`);
      link(name, from);
    }
  }
  for (const tool of ["typescript", "@types/node"]) link(tool, join(root, "node_modules", tool));
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "cadasto-consumer-check", private: true, type: "module" }, null, 2)}\n`,
  );
  const specifiers = published.flatMap((pkg) => sourceEntries(pkg).map((entry) => entry.specifier));
  const imports = specifiers.map((specifier, index) => `import * as entry${index} from "${specifier}";`);
  writeFileSync(
    join(project, "consumer.ts"),
    `// Imports every entry point of every published package, as a user's project does.\n${imports.join("\n")}\n\nconsole.log(${specifiers
      .map((_, index) => `Object.keys(entry${index}).length`)
      .join(", ")});\n`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2023", "dom", "dom.iterable"],
          types: ["node"],
          noEmit: true,
        },
        files: ["consumer.ts"],
      },
      null,
      2,
    )}\n`,
  );
  for (const name of optionalPeers) {
    if (!linked.has(name) && !tarballs[name] && existsSync(join(modules, name))) {
      fail(`${name} got installed although no package requires it (only as an optional peer): the check would not see types that need it`);
    }
  }

  // 3. Compile with the project's own compiler.
  const compiled = run(process.execPath, [join(modules, "typescript", "bin", "tsc"), "-p", project], project);
  if (!compiled.ok)
    fail(`the consumer project does not compile with skipLibCheck: false (no optional peer installed):\n${compiled.output}`);
  console.log(
    `ok    ${published.length} packed packages install offline into a fresh project and compile with skipLibCheck: false (${published.map((p) => p.manifest.name).join(", ")})`,
  );
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  console.error(`FAIL  ${error.message}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
