// Internal: the `cadasto-templates` command (node only). `cli.ts` runs it with
// the process's streams and environment; tests drive the built `dist/cli.js`.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { clientCredentials, isAuthOptionsError, isOAuthError, isTokenEndpointError, type TokenSource } from "@cadasto/auth";
import { type CadastoEnvironment, cadastoUrls, discover, isDiscoveryError, openEhrBaseUrl } from "@cadasto/discovery";
import {
  isOptError,
  isTemplateIdError,
  isTemplatesApiError,
  isTemplatesClientError,
  readOptMetadata,
} from "./mod.ts";
import { checkBaseUrl } from "./_base_url.ts";
import { createTemplatesClient, type TemplatesClient } from "./templates_client.ts";
import type { TemplateListEntry } from "./template_list_entry.ts";

/** Where the command writes, and what it reads its configuration from. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: cadasto-templates <command> [options]

Uploads, lists and reads openEHR ADL 1.4 operational templates (OPT) on Cadasto.

Commands:
  upload <file…>                   upload each OPT (checked locally first); Cadasto keeps each upload as a version
  ensure <file…>                   upload only the OPTs whose bytes differ from their template's latest version
  list [--template-id <id>]        list template versions
  versions <template_id>           the versions of one template, latest first
  get <id> [--format opt|web-template] [--out <file>]
                                   read a template (id: template_id for the latest, or {template_id}::{uid})
                                   to stdout, or to --out <file> byte for byte
  inspect <file…>                  read each OPT's template_id, concept, archetype and uid (offline)

Options:
  --api-url <url>                  openEHR API base URL (default: CADASTO_API_URL, else discovered)
  --auth-url <url>                 auth server base URL (default: CADASTO_AUTH_URL, else from the tenant)
  --tenant <name>                  Cadasto tenant (default: CADASTO_TENANT)
  --environment <name>             production, acceptation or development (default: CADASTO_ENVIRONMENT, else production)
  --scope <scopes>                 space-separated scopes (default: CADASTO_SCOPE, else api.read, plus api.write to upload)
  --no-auth                        send no token (a local openEHR server without authentication)
  --json                           machine-readable JSON on stdout
  --progress / --no-progress       force or hide the upload progress bar (default: shown on a terminal)
  -h, --help                       this help

Credentials come from the environment only, never from arguments (they would
land in shell history): CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET.

Exit codes: 0 ok, 1 API or input error (the message says what to do), 2 usage error.
Docs: https://cadasto.github.io/openehr-sdk-ts/reference/commands#cadasto-templates
`;

const COMMANDS = ["upload", "ensure", "list", "versions", "get", "inspect"] as const;
type Command = (typeof COMMANDS)[number];
const ENVIRONMENTS = ["production", "acceptation", "development"] as const;

/** A problem with how the command was called (exit code 2). */
class UsageError extends Error {}
/** A configuration problem found before any request (exit code 1). */
class ConfigError extends Error {}

interface Flags {
  "api-url"?: string | undefined;
  "auth-url"?: string | undefined;
  tenant?: string | undefined;
  environment?: string | undefined;
  scope?: string | undefined;
  "template-id"?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  "no-auth"?: boolean | undefined;
  json?: boolean | undefined;
  progress?: boolean | undefined;
  "no-progress"?: boolean | undefined;
  help?: boolean | undefined;
}

/** Runs the command; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const secret = io.env.CADASTO_CLIENT_SECRET;
  // Whatever goes out is scrubbed of the client secret, in case a message quotes it.
  const scrub = (text: string) => (secret !== undefined && secret.length >= 4 ? text.split(secret).join("[redacted]") : text);
  const out = (text: string) => io.stdout.write(scrub(text));
  const err = (text: string) => io.stderr.write(scrub(text));
  let parsed: { command: Command; args: string[]; flags: Flags };
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`cadasto-templates: ${error.message}\nRun cadasto-templates --help for the usage.\n`);
    return EXIT_USAGE;
  }
  if (parsed.flags.help) {
    out(USAGE);
    return EXIT_OK;
  }
  try {
    return await run(parsed.command, parsed.args, parsed.flags, io, out, err);
  } catch (error) {
    const hint =
      parsed.flags["no-auth"] && isTemplatesApiError(error) && error.status === 401
        ? "\nThe command ran with --no-auth: drop it and set CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET."
        : "";
    err(`cadasto-templates: ${describe(error)}${hint}\n`);
    return EXIT_FAILED;
  }
}

function parseCommandLine(argv: readonly string[]): { command: Command; args: string[]; flags: Flags } {
  let values: Flags;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        "api-url": { type: "string" },
        "auth-url": { type: "string" },
        tenant: { type: "string" },
        environment: { type: "string" },
        scope: { type: "string" },
        "template-id": { type: "string" },
        format: { type: "string" },
        out: { type: "string", short: "o" },
        "no-auth": { type: "boolean" },
        json: { type: "boolean" },
        progress: { type: "boolean" },
        "no-progress": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        // Refused on purpose, with a message: secrets do not belong in arguments.
        "client-secret": { type: "string" },
        "client-id": { type: "string" },
      },
    }) as { values: Flags & { "client-secret"?: string; "client-id"?: string }; positionals: string[] });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify.*$/s, ".") : String(error));
  }
  const raw = values as Flags & { "client-secret"?: string; "client-id"?: string };
  if (raw["client-secret"] !== undefined || raw["client-id"] !== undefined) {
    throw new UsageError(
      "credentials are read from the environment only (CADASTO_CLIENT_ID, CADASTO_CLIENT_SECRET), never from arguments: arguments land in shell history and process lists.",
    );
  }
  if (values.help) return { command: "list", args: [], flags: values };
  const [command, ...args] = positionals;
  if (command === undefined) throw new UsageError(`a command is missing: one of ${COMMANDS.join(", ")}.`);
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}": use one of ${COMMANDS.join(", ")}.`);
  }
  const cmd = command as Command;
  const arity: Record<Command, [number, number]> = {
    upload: [1, Number.POSITIVE_INFINITY],
    ensure: [1, Number.POSITIVE_INFINITY],
    inspect: [1, Number.POSITIVE_INFINITY],
    list: [0, 0],
    versions: [1, 1],
    get: [1, 1],
  };
  const [min, max] = arity[cmd];
  if (args.length < min) {
    throw new UsageError(`${cmd} needs ${cmd === "versions" ? "a template_id" : cmd === "get" ? "an id" : "at least one OPT file"}.`);
  }
  if (args.length > max) throw new UsageError(`${cmd} takes ${max === 0 ? "no arguments" : "one argument"}, got ${args.length}.`);
  const allowed: Record<Command, readonly (keyof Flags)[]> = {
    upload: ["progress", "no-progress"],
    ensure: ["progress", "no-progress"],
    list: ["template-id"],
    versions: [],
    get: ["format", "out"],
    inspect: [],
  };
  for (const name of ["template-id", "format", "out", "progress", "no-progress"] as const) {
    if (values[name] !== undefined && !allowed[cmd].includes(name)) throw new UsageError(`--${name} does not apply to ${cmd}.`);
  }
  if (values.format !== undefined && values.format !== "opt" && values.format !== "web-template") {
    throw new UsageError(`--format must be opt or web-template, got "${values.format}".`);
  }
  if (values.progress && values["no-progress"]) throw new UsageError("--progress and --no-progress contradict each other.");
  return { command: cmd, args, flags: values };
}

async function run(
  command: Command,
  args: string[],
  flags: Flags,
  io: CliIo,
  out: (text: string) => unknown,
  err: (text: string) => unknown,
): Promise<number> {
  const json = flags.json === true;
  if (command === "inspect") {
    return await eachFile(args, json, out, err, async (file) => {
      const meta = await readOptMetadata(await readLocal(file));
      return {
        result: { file, ...meta },
        text: [
          `${file}`,
          `  template_id:  ${meta.templateId}`,
          `  concept:      ${meta.concept}`,
          `  archetype_id: ${meta.archetypeId}`,
          `  uid:          ${meta.uid ?? "(none)"}`,
          `  language:     ${meta.language ?? "(none)"}`,
        ].join("\n"),
      };
    });
  }
  const writes = command === "upload" || command === "ensure";
  // Local files are read and checked before any configuration or network work.
  const files = writes ? await readOpts(args) : [];
  const templates = await connect(flags, io.env, writes);
  switch (command) {
    case "upload":
    case "ensure": {
      const showProgress = flags.progress === true || (flags["no-progress"] !== true && !json && io.stderr.isTTY === true);
      return await eachFile(args, json, out, err, async (file, index) => {
        const bytes = files[index] as Uint8Array;
        const bar = showProgress ? progressBar(basename(file), io.stderr.isTTY === true, err) : undefined;
        const options = bar === undefined ? {} : { onProgress: bar };
        if (command === "upload") {
          const result = await templates.upload(bytes, options);
          return { result: { file, ...result }, text: `uploaded ${file} as ${result.versionId}` };
        }
        const result = await templates.ensure(bytes, options);
        return {
          result: { file, ...result },
          text: result.uploaded ? `uploaded ${file} as ${result.versionId}` : `unchanged ${file} (latest version ${result.versionId})`,
        };
      });
    }
    case "list":
    case "versions": {
      const entries =
        command === "list"
          ? await templates.list(flags["template-id"] === undefined ? {} : { templateId: flags["template-id"] })
          : await templates.versions(args[0] as string);
      if (json) out(`${JSON.stringify(entries, null, 2)}\n`);
      else out(entries.length === 0 ? "no templates\n" : table(entries));
      return EXIT_OK;
    }
    case "get": {
      const id = args[0] as string;
      const format = flags.format === "web-template" ? "web-template" : "opt";
      const content =
        format === "opt" ? await templates.get(id, { format }) : `${JSON.stringify(await templates.get(id, { format }), null, 2)}\n`;
      if (flags.out === undefined) {
        out(content);
        return EXIT_OK;
      }
      await writeFile(flags.out, content);
      const bytes = Buffer.byteLength(content);
      if (json) out(`${JSON.stringify({ id, format, out: flags.out, bytes })}\n`);
      else err(`wrote ${id} (${format}, ${bytes} bytes) to ${flags.out}\n`);
      return EXIT_OK;
    }
  }
}

/** Runs `task` on each file, printing results; keeps going after a failure and exits 1 if any failed. */
async function eachFile(
  files: readonly string[],
  json: boolean,
  out: (text: string) => unknown,
  err: (text: string) => unknown,
  task: (file: string, index: number) => Promise<{ result: Record<string, unknown>; text: string }>,
): Promise<number> {
  const results: Record<string, unknown>[] = [];
  let failed = false;
  for (const [index, file] of files.entries()) {
    try {
      const { result, text } = await task(file, index);
      results.push(result);
      if (!json) out(`${text}\n`);
    } catch (error) {
      failed = true;
      const code = (error as { code?: unknown }).code;
      results.push({ file, error: { code: typeof code === "string" ? code : "error", message: describe(error) } });
      err(`cadasto-templates: ${file}: ${describe(error)}\n`);
    }
  }
  if (json) out(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? EXIT_FAILED : EXIT_OK;
}

/** A local file's bytes; a file that cannot be read is a ConfigError naming it. */
async function readLocal(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as { code?: string }).code ?? describe(error)}; check the path.`);
  }
}

/** Reads every file and checks it is an OPT, so a bad file stops the run before any request. */
async function readOpts(files: readonly string[]): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for (const file of files) {
    const bytes = await readLocal(file);
    try {
      await readOptMetadata(bytes);
    } catch (error) {
      throw new ConfigError(`${file}: ${describe(error)}`);
    }
    all.push(bytes);
  }
  return all;
}

/** The client, from flags and the environment: base URL, token endpoint (discovered) and credentials. */
async function connect(flags: Flags, env: CliIo["env"], writes: boolean): Promise<TemplatesClient> {
  const value = (flag: string | undefined, name: string) => flag ?? (env[name]?.trim() || undefined);
  const environment = value(flags.environment, "CADASTO_ENVIRONMENT");
  if (environment !== undefined && !(ENVIRONMENTS as readonly string[]).includes(environment)) {
    throw new ConfigError(`environment "${environment}" is unknown: use ${ENVIRONMENTS.join(", ")} (--environment or CADASTO_ENVIRONMENT).`);
  }
  const tenant = value(flags.tenant, "CADASTO_TENANT");
  const urls = tenant === undefined ? undefined : cadastoUrls({ tenant, ...(environment === undefined ? {} : { environment: environment as CadastoEnvironment }) });
  const authUrl = value(flags["auth-url"], "CADASTO_AUTH_URL") ?? urls?.authBaseUrl;
  let apiUrl = value(flags["api-url"], "CADASTO_API_URL");
  // Checked before discovery, so a bad URL is refused before any request.
  if (apiUrl !== undefined) apiUrl = checkBaseUrl(apiUrl, flags["api-url"] === undefined ? "CADASTO_API_URL" : "--api-url");
  if (flags["no-auth"]) {
    if (apiUrl === undefined && urls === undefined) {
      throw new ConfigError("no API URL: set CADASTO_API_URL (or --api-url), or CADASTO_TENANT.");
    }
    return createTemplatesClient({ baseUrl: apiUrl ?? (urls?.apiBaseUrl as string) });
  }
  const clientId = env.CADASTO_CLIENT_ID?.trim();
  const clientSecret = env.CADASTO_CLIENT_SECRET;
  const missing = [clientId ? undefined : "CADASTO_CLIENT_ID", clientSecret ? undefined : "CADASTO_CLIENT_SECRET"].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(`${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: export the client credentials Cadasto issued for this pipeline (or pass --no-auth for a server without authentication).`);
  }
  if (authUrl === undefined) {
    throw new ConfigError("no auth server: set CADASTO_TENANT (and CADASTO_ENVIRONMENT), or CADASTO_AUTH_URL (or --tenant / --auth-url).");
  }
  const config = await discover(authUrl);
  apiUrl ??= openEhrBaseUrl(config, urls === undefined ? {} : { fallback: urls.apiBaseUrl });
  const scopeText = value(flags.scope, "CADASTO_SCOPE") ?? (writes ? "api.read api.write" : "api.read");
  const auth: TokenSource = clientCredentials({
    discovery: config,
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    audience: apiUrl,
    scope: scopeText.split(/\s+/).filter(Boolean),
  });
  return createTemplatesClient({ baseUrl: apiUrl, auth });
}

function table(entries: readonly TemplateListEntry[]): string {
  const rows = [["VERSION ID", "CREATED", "CONCEPT"], ...entries.map((e) => [e.versionId, e.createdTimestamp ?? "-", e.concept ?? "-"])];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return `${rows.map((row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell)).join("  ").trimEnd()).join("\n")}\n`;
}

/** A progress bar on stderr: redrawn in place on a terminal, one line per 10 % otherwise. */
function progressBar(
  label: string,
  terminal: boolean,
  err: (text: string) => unknown,
): (event: { loaded: number; total: number }) => void {
  let lastTenth = -1;
  return ({ loaded, total }) => {
    const ratio = total === 0 ? 1 : loaded / total;
    const tenth = Math.floor(ratio * 10);
    if (!terminal && tenth === lastTenth) return;
    lastTenth = tenth;
    const width = 30;
    const filled = Math.round(ratio * width);
    const line = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(ratio * 100)}% ${kib(loaded)}/${kib(total)}`;
    err(terminal ? `\r${line}${loaded >= total ? "\n" : ""}` : `${line}\n`);
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** One line saying what went wrong, from any of the SDK's typed errors. */
function describe(error: unknown): string {
  if (
    isTemplatesApiError(error) ||
    isTemplatesClientError(error) ||
    isOptError(error) ||
    isTemplateIdError(error) ||
    isDiscoveryError(error) ||
    isOAuthError(error) ||
    isTokenEndpointError(error) ||
    isAuthOptionsError(error) ||
    error instanceof ConfigError
  ) {
    return error.message;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
