// The commands reference, read from each command's own `--help` (so it cannot drift):
// every `bin` of every packages/*/package.json, run with --help after the build.
//
// The convention every command's help follows (the collector fails, naming the command,
// when one is broken):
//   - option lines are indented, start with the flag(s) (`-h, --help`, `--progress / --no-progress`,
//     `--api-url <url>`) and give the description after two or more spaces;
//   - environment variables are named in full (CADASTO_…);
//   - one "Exit codes: 0 ok, 1 …, 2 …." sentence lists every exit code;
//   - the last line is "Docs: <site URL>reference/commands#<command>".
//
// Usage as a check: node scripts/reference/commands.mjs   (prints what it found; exit 1 on a break)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { workspacePackages } from "../packages.mjs";

/** Where the documentation site is published; the commands' "Docs:" lines point below it. */
export const SITE_URL = "https://cadasto.github.io/openehr-sdk-ts/";

/** Every command: `{ command, packageName, dir, bin }` from the packages' `bin` fields. */
export function commandsOfPackages() {
  const found = [];
  for (const { dir, path, manifest } of workspacePackages()) {
    const bins = typeof manifest.bin === "string" ? { [manifest.name.split("/").pop()]: manifest.bin } : (manifest.bin ?? {});
    for (const [command, bin] of Object.entries(bins)) found.push({ command, packageName: manifest.name, dir, bin: join(path, bin) });
  }
  return found.sort((a, b) => a.command.localeCompare(b.command));
}

const OPTION = /^ {2}((?:-\w, )?--[\w-]+(?: \/ --[\w-]+)*)((?: <[^>]+>| \[[^\]]+\])*)(?: {2,}(.*))?$/;
const SUBCOMMAND = /^ {2}([a-z][\w-]*)((?: <[^>]+>| \[[^\]]+\])*)(?: {2,}(.*))?$/;

/** Parses one help text: `{ usage, summary, options, subcommands, variables, exitCodes, docs }`. */
export function parseHelp(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const usage = /^Usage: (.+)$/m.exec(text)?.[1];
  const summary = text
    .split(/\n\s*\n/)[1]
    ?.replace(/\s+/g, " ")
    .trim();
  const options = [];
  const subcommands = [];
  let section = "";
  let last;
  for (const line of lines) {
    if (/^\S.*:$/.test(line)) section = line.slice(0, -1);
    const option = OPTION.exec(line);
    if (option) {
      last = { flags: option[1].split(/, | \/ /), argument: option[2].trim(), description: option[3]?.trim() ?? "", section };
      options.push(last);
      continue;
    }
    const sub = /^Commands$/i.test(section) ? SUBCOMMAND.exec(line) : null;
    if (sub) {
      last = { name: sub[1], argument: sub[2].trim(), description: sub[3]?.trim() ?? "" };
      subcommands.push(last);
      continue;
    }
    if (last && /^ {6,}\S/.test(line)) last.description = `${last.description} ${line.trim()}`.trim();
    else last = undefined;
  }
  const variables = [...new Set(text.match(/\bCADASTO_[A-Z0-9_]*[A-Z0-9]\b/g) ?? [])].map((name) => ({
    name,
    mentions: text
      .split(/\n\s*\n/)
      .flatMap((paragraph) => (paragraph.split("\n").filter((line) => OPTION.test(line)).length > 0 ? paragraph.split("\n") : [paragraph]))
      .filter((piece) => piece.includes(name))
      .map((piece) => piece.replace(/\s+/g, " ").trim()),
  }));
  const exitSentence = /Exit codes?: ([\s\S]+?)\.(?:\n|$)/.exec(text)?.[1].replace(/\s+/g, " ");
  const exitCodes = (exitSentence ?? "")
    .split(/, (?=\d+ )/)
    .map((part) => /^(\d+) (.+)$/.exec(part.trim()))
    .filter(Boolean)
    .map((match) => ({ code: Number(match[1]), meaning: match[2] }));
  const flags = [...new Set(text.match(/(?<![\w-])--[a-z][\w-]*/g) ?? [])];
  const docs = /^Docs: (\S+)\s*$/m.exec(text)?.[1];
  return { usage, summary, options, subcommands, variables, exitCodes, flags, docs };
}

/** Runs every command's --help: `{ commands: [{ command, packageName, dir, help, ...parseHelp }], problems }`. */
export function collectCommands() {
  const problems = [];
  const commands = [];
  for (const entry of commandsOfPackages()) {
    if (!existsSync(entry.bin)) {
      problems.push(
        `${entry.command}: ${entry.bin} does not exist: build ${entry.packageName} first (list it in apps/docs/package.json "dependencies", so turbo builds it before the docs)`,
      );
      continue;
    }
    const result = spawnSync(process.execPath, [entry.bin, "--help"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    if (result.status !== 0) {
      problems.push(
        `${entry.command} --help exited ${result.status}: ${(result.stderr || result.stdout).trim()} (build the packages first)`,
      );
      continue;
    }
    const help = result.stdout.replace(/\s+$/, "");
    const parsed = parseHelp(help);
    const expectedDocs = `${SITE_URL}reference/commands#${entry.command}`;
    if (!parsed.usage) problems.push(`${entry.command} --help has no "Usage: …" line`);
    if (parsed.options.length === 0) problems.push(`${entry.command} --help lists no options`);
    if (!parsed.options.some((option) => option.flags.includes("--help")))
      problems.push(`${entry.command} --help does not list -h, --help`);
    if (parsed.exitCodes.length === 0) problems.push(`${entry.command} --help has no "Exit codes: 0 …, 1 …." sentence`);
    if (parsed.docs !== expectedDocs)
      problems.push(`${entry.command} --help: the "Docs:" line must be "Docs: ${expectedDocs}" (found ${parsed.docs ?? "none"})`);
    commands.push({ ...entry, help, ...parsed });
  }
  if (commands.length === 0 && problems.length === 0) problems.push("no command found in any packages/*/package.json bin");
  return { commands, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { commands, problems } = collectCommands();
  for (const c of commands) {
    console.log(`${c.command} (${c.packageName}): ${c.options.map((o) => o.flags.join("/")).join(" ")}`);
    if (c.subcommands.length) console.log(`  commands: ${c.subcommands.map((s) => s.name).join(" ")}`);
    console.log(
      `  variables: ${c.variables.map((v) => v.name).join(" ")}; exit codes: ${c.exitCodes.map((e) => `${e.code}=${e.meaning}`).join("; ")}`,
    );
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problems:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    process.exit(1);
  }
}
