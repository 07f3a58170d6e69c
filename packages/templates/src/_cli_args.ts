// Internal: the command line of `cadasto-templates` (node only): which
// command, its arguments and flags, each mistake a UsageError (exit 2).
import {
  type CommandLine,
  CONNECTION_OPTIONS,
  type ConnectionFlags,
  connectionFlags,
  connectionOptionsHelp,
  CREDENTIALS_HELP,
  isUsageError,
  parseCommandLine,
  UsageError,
} from "@cadasto/core/cli";

export const COMMANDS = ["upload", "ensure", "list", "versions", "get", "inspect"] as const;
export type Command = (typeof COMMANDS)[number];

export const USAGE: string = `Usage: cadasto-templates <command> [options]

Uploads, lists and reads openEHR ADL 1.4 operational templates (OPT) on Cadasto.

Commands:
  upload <file…>                   upload each OPT (checked locally first); Cadasto keeps each upload as a version
  ensure <file…>                   upload only the OPTs whose bytes differ from their template's latest version
  list [--template-id <id>]        list template versions
  versions <template_id>           the versions of one template, latest first
  get <id> [--format opt|web-template] [--out <file>]
                                   read a template (id: template_id for the latest, or {template_id}::{uid})
                                   to stdout, or to --out <file> byte for byte as the server sent it
  inspect <file…>                  read each OPT's template_id, concept, archetype and uid (offline)

Options:
${connectionOptionsHelp("upload")}
  --json                           machine-readable JSON on stdout
  --progress / --no-progress       force or hide the upload progress bar (default: shown on a terminal)
  -h, --help                       this help

${CREDENTIALS_HELP}

Exit codes: 0 ok, 1 API or input error (the message says what to do), 2 usage error, 130 cancelled.
Docs: https://cadasto.github.io/openehr-sdk-ts/reference/commands#cadasto-templates
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  "template-id": { type: "string" },
  format: { type: "string" },
  out: { type: "string", short: "o" },
  json: { type: "boolean" },
  progress: { type: "boolean" },
  "no-progress": { type: "boolean" },
} as const;

/** The flags a command can be given, besides the connection flags. */
export interface Flags {
  readonly "template-id"?: string | undefined;
  readonly format?: string | undefined;
  readonly out?: string | undefined;
  readonly json?: boolean | undefined;
  readonly progress?: boolean | undefined;
  readonly "no-progress"?: boolean | undefined;
}

/** A parsed command line. */
export interface Invocation {
  readonly command: Command;
  readonly args: readonly string[];
  readonly connection: ConnectionFlags;
  readonly flags: Flags;
}

const ARITY: Record<Command, readonly [number, number]> = {
  upload: [1, Number.POSITIVE_INFINITY],
  ensure: [1, Number.POSITIVE_INFINITY],
  inspect: [1, Number.POSITIVE_INFINITY],
  list: [0, 0],
  versions: [1, 1],
  get: [1, 1],
};

const ALLOWED: Record<Command, readonly (keyof Flags)[]> = {
  upload: ["progress", "no-progress"],
  ensure: ["progress", "no-progress"],
  list: ["template-id"],
  versions: [],
  get: ["format", "out"],
  inspect: [],
};

/** Parses `argv` (`--help` is a help request; every mistake a UsageError). */
export function parseInvocation(argv: readonly string[]): Invocation {
  let parsed: CommandLine<typeof OPTIONS>;
  try {
    parsed = parseCommandLine(argv, OPTIONS, true);
  } catch (error) {
    if (isUsageError(error)) throw new UsageError(error.message.replace(/\. To specify.*$/s, "."));
    throw error;
  }
  const { values, positionals } = parsed;
  const connection = connectionFlags(values);
  const [command, ...args] = positionals;
  if (command === undefined) throw new UsageError(`a command is missing: one of ${COMMANDS.join(", ")}.`);
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}": use one of ${COMMANDS.join(", ")}.`);
  }
  const cmd = command as Command;
  const [min, max] = ARITY[cmd];
  if (args.length < min) {
    throw new UsageError(`${cmd} needs ${cmd === "versions" ? "a template_id" : cmd === "get" ? "an id" : "at least one OPT file"}.`);
  }
  if (args.length > max) throw new UsageError(`${cmd} takes ${max === 0 ? "no arguments" : "one argument"}, got ${args.length}.`);
  for (const name of ["template-id", "format", "out", "progress", "no-progress"] as const) {
    if (values[name] !== undefined && !ALLOWED[cmd].includes(name)) throw new UsageError(`--${name} does not apply to ${cmd}.`);
  }
  if (values.format !== undefined && values.format !== "opt" && values.format !== "web-template") {
    throw new UsageError(`--format must be opt or web-template, got "${values.format}".`);
  }
  if (values.progress && values["no-progress"]) throw new UsageError("--progress and --no-progress contradict each other.");
  return { command: cmd, args, connection, flags: values };
}
