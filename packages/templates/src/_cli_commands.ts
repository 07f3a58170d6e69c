// Internal: the commands of `cadasto-templates` (node only), each printing
// its results on stdout (JSON with --json) and its messages on stderr.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { CliOutput } from "@cadasto/core/cli";
import type { Flags, Invocation } from "./_cli_args.ts";
import { ConfigError, connect } from "./_cli_connect.ts";
import { readOptMetadata } from "./read_opt_metadata.ts";
import type { TemplateListEntry } from "./template_list_entry.ts";

/** What the commands write to and read their configuration from. */
export interface CommandIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One line saying what went wrong (set by the command's describeError). */
export type Describe = (error: unknown) => string;

/** Runs a parsed invocation; resolves to the exit code (1 when any file failed). */
export async function runCommand({ command, args, connection, flags }: Invocation, io: CommandIo, describe: Describe): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  const json = flags.json === true;
  if (command === "inspect") {
    return await eachFile(args, json, io, describe, async (file) => {
      const meta = await readOptMetadata(await readLocal(file, describe));
      const lines = [`  template_id:  ${meta.templateId}`, `  concept:      ${meta.concept}`, `  archetype_id: ${meta.archetypeId}`];
      lines.push(`  uid:          ${meta.uid ?? "(none)"}`, `  language:     ${meta.language ?? "(none)"}`);
      return { result: { file, ...meta }, text: [file, ...lines].join("\n") };
    });
  }
  const writes = command === "upload" || command === "ensure";
  // Local files are read and checked before any configuration or network work.
  const files = writes ? await readOpts(args, describe) : [];
  const templates = await connect(connection, io.env, writes);
  switch (command) {
    case "upload":
    case "ensure": {
      const showProgress = flags.progress === true || (flags["no-progress"] !== true && !json && io.stderr.isTTY === true);
      return await eachFile(args, json, io, describe, async (file, index) => {
        const bytes = files[index] as Uint8Array;
        const bar = showProgress ? progressBar(basename(file), io.stderr.isTTY === true, io.stderr) : undefined;
        const options = bar === undefined ? {} : { onProgress: bar };
        if (command === "upload") {
          const result = await templates.upload(bytes, options);
          return { result: { file, ...result }, text: `uploaded ${file} as ${result.versionId}` };
        }
        const result = await templates.ensure(bytes, options);
        const text = result.uploaded ? `uploaded ${file} as ${result.versionId}` : `unchanged ${file} (latest version ${result.versionId})`;
        return { result: { file, ...result }, text };
      });
    }
    case "list":
    case "versions": {
      const entries =
        command === "list"
          ? await templates.list(flags["template-id"] === undefined ? {} : { templateId: flags["template-id"] })
          : await templates.versions(args[0] as string);
      out(json ? `${JSON.stringify(entries, null, 2)}\n` : entries.length === 0 ? "no templates\n" : table(entries));
      return 0;
    }
    case "get":
      return await get(args[0] as string, flags, io, templates);
  }
}

/** `get`: the OPT (or web template) to stdout, or to --out exactly as the server sent the bytes. */
async function get(id: string, flags: Flags, io: CommandIo, templates: Awaited<ReturnType<typeof connect>>): Promise<number> {
  const format = flags.format === "web-template" ? "web-template" : "opt";
  if (flags.out === undefined) {
    io.stdout.write(format === "opt" ? await templates.get(id) : `${JSON.stringify(await templates.get(id, { format }), null, 2)}\n`);
    return 0;
  }
  const bytes = await templates.getBytes(id, { format });
  await writeFile(flags.out, bytes);
  if (flags.json === true) io.stdout.write(`${JSON.stringify({ id, format, out: flags.out, bytes: bytes.byteLength })}\n`);
  else io.stderr.write(`wrote ${id} (${format}, ${bytes.byteLength} bytes) to ${flags.out}\n`);
  return 0;
}

/** Runs `task` on each file, printing results; keeps going after a failure and exits 1 if any failed. */
async function eachFile(
  files: readonly string[],
  json: boolean,
  io: CommandIo,
  describe: Describe,
  task: (file: string, index: number) => Promise<{ result: Record<string, unknown>; text: string }>,
): Promise<number> {
  const results: Record<string, unknown>[] = [];
  let failed = false;
  for (const [index, file] of files.entries()) {
    try {
      const { result, text } = await task(file, index);
      results.push(result);
      if (!json) io.stdout.write(`${text}\n`);
    } catch (error) {
      failed = true;
      const code = (error as { code?: unknown }).code;
      results.push({ file, error: { code: typeof code === "string" ? code : "error", message: describe(error) } });
      io.stderr.write(`cadasto-templates: ${file}: ${describe(error)}\n`);
    }
  }
  if (json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? 1 : 0;
}

/** A local file's bytes; a file that cannot be read is a ConfigError naming it. */
async function readLocal(file: string, describe: Describe): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as { code?: string }).code ?? describe(error)}; check the path.`);
  }
}

/** Reads every file and checks it is an OPT, so a bad file stops the run before any request. */
async function readOpts(files: readonly string[], describe: Describe): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for (const file of files) {
    const bytes = await readLocal(file, describe);
    try {
      await readOptMetadata(bytes);
    } catch (error) {
      throw new ConfigError(`${file}: ${describe(error)}`);
    }
    all.push(bytes);
  }
  return all;
}

function table(entries: readonly TemplateListEntry[]): string {
  const rows = [["VERSION ID", "CREATED", "CONCEPT"], ...entries.map((e) => [e.versionId, e.createdTimestamp ?? "-", e.concept ?? "-"])];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return `${rows
    .map((row) =>
      row
        .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

/** A progress bar on stderr: redrawn in place on a terminal, one line per 10 % otherwise. */
function progressBar(label: string, terminal: boolean, err: CliOutput): (event: { loaded: number; total: number }) => void {
  let lastTenth = -1;
  return ({ loaded, total }) => {
    const ratio = total === 0 ? 1 : loaded / total;
    const tenth = Math.floor(ratio * 10);
    if (!terminal && tenth === lastTenth) return;
    lastTenth = tenth;
    const width = 30;
    const filled = Math.round(ratio * width);
    const line = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(ratio * 100)}% ${kib(loaded)}/${kib(total)}`;
    err.write(terminal ? `\r${line}${loaded >= total ? "\n" : ""}` : `${line}\n`);
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
