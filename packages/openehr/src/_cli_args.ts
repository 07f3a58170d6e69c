// Internal: the `cadasto-openehr` command line, parsed and checked before any
// file is read or request sent. Node only (node:util's parseArgs via @cadasto/core/cli).
import {
  CONNECTION_OPTIONS,
  type ConnectionFlags,
  connectionFlags,
  connectionOptionsHelp,
  CREDENTIALS_HELP,
  parseCommandLine,
  UsageError,
} from "@cadasto/core/cli";

export const USAGE: string = `Usage: cadasto-openehr <command> [options]

Creates EHRs, commits and reads compositions, and runs AQL on Cadasto (openEHR REST API).

Commands:
  ehr create [--subject-id <id> --subject-namespace <ns>]
                                   create an EHR (for a subject), print its ehr_id
  ehr get <ehr_id>                 read an EHR
  composition commit <ehr_id> <file.json> [--template-id <id or id::uid>] [--format canonical|flat|structured]
                                   commit a composition, pinned to a template version with id::uid
  composition get <ehr_id> <uid> [--format canonical|flat|structured]
                                   read a composition (latest by object id, or one version by version uid)
  query '<AQL>' [--param name=value …] [--page-size n] [--format table|json|ndjson|csv]
                                   run AQL and stream every row (paged with offset/fetch);
                                   --param name=value sends a string, name:=json a JSON value (a number, true)

Options:
${connectionOptionsHelp("write")}
  --json                           machine-readable JSON on stdout (for query: the same as --format json)
  --progress / --no-progress       force or hide the row count on stderr (default: shown on a terminal)
  -h, --help                       this help

${CREDENTIALS_HELP}

Exit codes: 0 ok, 1 API or input error (the message says what to do), 2 usage error, 130 cancelled.
Docs: https://cadasto.github.io/openehr-sdk-ts/reference/commands#cadasto-openehr
`;

export type Action = "ehr create" | "ehr get" | "composition commit" | "composition get" | "query";

export interface CommandLineCall {
  readonly action: Action;
  /** The positional arguments after the action. */
  readonly args: readonly string[];
  readonly connection: ConnectionFlags;
  readonly json: boolean;
  readonly progress: boolean | undefined;
  readonly subject?: { readonly id: string; readonly namespace: string } | undefined;
  readonly templateId?: string | undefined;
  /** canonical | flat | structured for compositions; table | json | ndjson | csv for query. */
  readonly format?: string | undefined;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly pageSize?: number | undefined;
}

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  json: { type: "boolean" },
  progress: { type: "boolean" },
  "no-progress": { type: "boolean" },
  "subject-id": { type: "string" },
  "subject-namespace": { type: "string" },
  "template-id": { type: "string" },
  format: { type: "string" },
  param: { type: "string", multiple: true },
  "page-size": { type: "string" },
} as const;

const ARITY: Readonly<Record<Action, readonly [number, string]>> = {
  "ehr create": [0, ""],
  "ehr get": [1, "<ehr_id>"],
  "composition commit": [2, "<ehr_id> <file.json>"],
  "composition get": [2, "<ehr_id> <uid>"],
  query: [1, "'<AQL>'"],
};

const ALLOWED: Readonly<Record<Action, readonly string[]>> = {
  "ehr create": ["subject-id", "subject-namespace"],
  "ehr get": [],
  "composition commit": ["template-id", "format"],
  "composition get": ["format"],
  query: ["param", "page-size", "format", "progress", "no-progress"],
};

const COMPOSITION_FORMATS = ["canonical", "flat", "structured"];
const QUERY_FORMATS = ["table", "json", "ndjson", "csv"];

/** Parses `--param name=value` (a string) or `name:=json` (a JSON scalar). */
function parseParam(text: string): [string, string | number | boolean] {
  const typed = /^([^=:]+):=(.*)$/s.exec(text);
  const plain = /^([^=:]+)=(.*)$/s.exec(text);
  const match = typed ?? plain;
  if (match === null) throw new UsageError(`--param "${text}" is not name=value (or name:=json)`);
  const name = (match[1] as string).replace(/^\$/, "");
  if (typed === null) return [name, match[2] as string];
  let value: unknown;
  try {
    value = JSON.parse(match[2] as string);
  } catch {
    throw new UsageError(`--param ${name}:= needs a JSON value (a number, true, false or "text"), got ${match[2]}`);
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw new UsageError(`--param ${name}:= takes a number, true, false or a "string", not ${value === null ? "null" : typeof value}`);
  }
  return [name, value];
}

/** Parses and checks the command line; throws UsageError (exit 2) for any problem. */
export function parseCall(argv: readonly string[]): CommandLineCall {
  const { values: typed, positionals } = parseCommandLine(argv, OPTIONS, true);
  const values = typed as Readonly<Record<string, string | boolean | string[] | undefined>>;
  const flag = (name: string): string | undefined => values[name] as string | undefined;
  const connection = connectionFlags(values);
  const [group, verb, ...rest] = positionals;
  if (group === undefined) throw new UsageError("a command is missing: ehr, composition or query");
  let action: Action;
  let args: string[];
  if (group === "query") {
    action = "query";
    args = verb === undefined ? [] : [verb, ...rest];
  } else if (group === "ehr" || group === "composition") {
    const verbs = group === "ehr" ? ["create", "get"] : ["commit", "get"];
    if (verb === undefined || !verbs.includes(verb)) {
      throw new UsageError(`${group} needs one of ${verbs.join(", ")}${verb === undefined ? "" : `, got "${verb}"`}`);
    }
    action = `${group} ${verb}` as Action;
    args = rest;
  } else {
    throw new UsageError(`unknown command "${group}": use ehr, composition or query`);
  }
  const [count, shape] = ARITY[action];
  if (args.length !== count) {
    throw new UsageError(
      count === 0
        ? `${action} takes no arguments, got ${args.length}`
        : `${action} needs ${shape}, got ${args.length} argument${args.length === 1 ? "" : "s"}`,
    );
  }
  for (const name of Object.keys(ALLOWED).flatMap((key) => ALLOWED[key as Action])) {
    if (values[name] !== undefined && !ALLOWED[action].includes(name)) throw new UsageError(`--${name} does not apply to ${action}`);
  }
  const format = flag("format");
  const formats = action === "query" ? QUERY_FORMATS : COMPOSITION_FORMATS;
  if (format !== undefined && !formats.includes(format))
    throw new UsageError(`--format must be ${formats.join(", ")} for ${action}, got "${format}"`);
  const json = values.json === true;
  if (action === "query" && json && format !== undefined && format !== "json")
    throw new UsageError(`--json and --format ${format} contradict each other`);
  if (values.progress === true && values["no-progress"] === true)
    throw new UsageError("--progress and --no-progress contradict each other");
  const subjectId = flag("subject-id");
  const subjectNamespace = flag("subject-namespace");
  if ((subjectId === undefined) !== (subjectNamespace === undefined)) {
    throw new UsageError("--subject-id and --subject-namespace go together: an id means nothing without its namespace");
  }
  const pageText = flag("page-size");
  const pageSize = pageText === undefined ? undefined : Number(pageText);
  if (pageSize !== undefined && (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100_000)) {
    throw new UsageError(`--page-size must be a whole number from 1 to 100000, got "${pageText}"`);
  }
  const params: Record<string, string | number | boolean> = {};
  for (const text of (values.param as string[] | undefined) ?? []) {
    const [name, value] = parseParam(text);
    if (name in params) throw new UsageError(`--param ${name} is given twice`);
    params[name] = value;
  }
  return {
    action,
    args,
    connection,
    json: json || (action === "query" && format === "json"),
    progress: values.progress === true ? true : values["no-progress"] === true ? false : undefined,
    subject: subjectId === undefined || subjectNamespace === undefined ? undefined : { id: subjectId, namespace: subjectNamespace },
    templateId: flag("template-id"),
    format: action === "query" && json ? "json" : format,
    params,
    pageSize,
  };
}
