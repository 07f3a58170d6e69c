// Internal: the `cadasto-credentials-request` command (node only). `cli.ts`
// runs it with the process's streams; tests drive the built `dist/cli.js`.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { type CliCommand, type CliIo as CoreCliIo, CommandError, EXIT_CODES, parseCommandLine, UsageError } from "@cadasto/core/cli";
import * as v from "valibot";
import {
  AllowedOriginsSchema,
  ApplicationNameSchema,
  ContactEmailSchema,
  ContactNameSchema,
  ContactTeamSchema,
  DescriptionSchema,
  EnvironmentsSchema,
  FlowSchema,
  RedirectUrisSchema,
  ScopesSchema,
} from "./_fields.ts";
import type { CredentialsRequest } from "./credentials_request.ts";
import { type CredentialsRequestIssue, isCredentialsRequestError } from "./errors.ts";
import { safeParseCredentialsRequest } from "./parse_credentials_request.ts";
import { renderEmail } from "./render_email.ts";
import { toClientMetadata } from "./to_client_metadata.ts";
import { toJSON } from "./to_json.ts";
import { toMailtoUrl } from "./to_mailto_url.ts";
import { toMarkdown } from "./to_markdown.ts";

/** Where the command reads and writes: the prompts need node streams. */
export interface CliIo extends CoreCliIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & CoreCliIo["stderr"];
}

const USAGE = `Usage: cadasto-credentials-request [options]

Prepares the request a team sends to Cadasto for API client credentials, checks
every field, and prints the email (or Markdown, JSON, RFC 7591 metadata, a
mailto: link).

Where the request comes from:
  (nothing, in a terminal)      asks for each field, re-asking when an answer is invalid
  --interactive                 asks even when stdin is not a terminal (answers one per line)
  --file <request.json>         a JSON file with the request ("-" for stdin); flags override its fields
  flags below                   the fields themselves
  JSON on stdin                 when stdin is not a terminal and no field flag is given

Fields:
  --name <text>                 application name
  --environment <name>          development, acceptation or production (repeat, or separate with commas)
  --flow <flow>                 client-credentials (machine-to-machine) or authorization-code-pkce (users sign in);
                                inferred when absent: redirect URIs or origins mean authorization-code-pkce
  --redirect-uri <uri>          redirect URI (repeat for several); only for authorization-code-pkce
  --origin <origin>             allowed CORS origin of a browser app (repeat for several)
  --scope <scope>               scope, e.g. api.read (repeat, or separate with spaces)
  --contact-name <name>         technical owner's name
  --contact-email <email>       technical owner's email address
  --team <alias>                team alias, e.g. a chat channel (optional)
  --description <text>          what the integration does and how it uses the API

Output (stdout):
  --format <format>             email (default), markdown, json or rfc7591
  --jwks <file>                 with --format rfc7591: attach this public JWK or JWKS (from cadasto-keygen) as jwks,
                                for private_key_jwt (SMART Backend Services); a private key is refused
  --mailto <address>            a mailto: link to that address instead
  -h, --help                    this help

Problems are listed on stderr, one per line, with the field and how to fix it;
warnings too. Exit codes: 0 ok, 1 invalid request, 2 usage error, 130 cancelled
(Ctrl-C at a prompt).
Docs: https://cadasto.github.io/openehr-sdk-ts/reference/commands#cadasto-credentials-request
`;

const FORMATS = ["email", "markdown", "json", "rfc7591"] as const;
type Format = (typeof FORMATS)[number];

/** Ctrl-C at a prompt (exit code 130, as a shell reports SIGINT). */
const cancelled = (): CommandError => new CommandError("\nCancelled: nothing was printed.", { exitCode: EXIT_CODES.cancelled });

/** The flag that sets each field, for messages about flag input. */
const FLAG_OF: ReadonlyMap<string, string> = new Map([
  ["applicationName", "--name"],
  ["environments", "--environment"],
  ["flow", "--flow"],
  ["redirectUris", "--redirect-uri"],
  ["allowedOrigins", "--origin"],
  ["scopes", "--scope"],
  ["contact.name", "--contact-name"],
  ["contact.email", "--contact-email"],
  ["contact.team", "--team"],
  ["description", "--description"],
]);

const OPTIONS = {
  name: { type: "string" },
  environment: { type: "string", multiple: true },
  flow: { type: "string" },
  "redirect-uri": { type: "string", multiple: true },
  origin: { type: "string", multiple: true },
  scope: { type: "string", multiple: true },
  "contact-name": { type: "string" },
  "contact-email": { type: "string" },
  team: { type: "string" },
  description: { type: "string" },
  file: { type: "string" },
  format: { type: "string" },
  mailto: { type: "string" },
  jwks: { type: "string" },
  interactive: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseCommandLine<typeof OPTIONS>>["values"];

/** The request fields the flags set (only those given). */
function fieldsFromFlags(values: Values): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) fields[key] = value;
  };
  set("applicationName", values.name);
  set("environments", values.environment);
  set("flow", values.flow);
  set("redirectUris", values["redirect-uri"]);
  set("allowedOrigins", values.origin);
  set("scopes", values.scope);
  set("description", values.description);
  const contact: Record<string, unknown> = {};
  if (values["contact-name"] !== undefined) contact.name = values["contact-name"];
  if (values["contact-email"] !== undefined) contact.email = values["contact-email"];
  if (values.team !== undefined) contact.team = values.team;
  if (Object.keys(contact).length > 0) fields.contact = contact;
  return fields;
}

/** Flag fields over file fields; contact fields merged one by one. */
function merge(base: unknown, flags: Record<string, unknown>): unknown {
  if (Object.keys(flags).length === 0) return base;
  if (typeof base !== "object" || base === null || Array.isArray(base)) return flags;
  const merged: Record<string, unknown> = { ...base, ...flags };
  const baseContact = (base as Record<string, unknown>).contact;
  if (flags.contact !== undefined && typeof baseContact === "object" && baseContact !== null) {
    merged.contact = { ...baseContact, ...(flags.contact as object) };
  }
  return merged;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream) text += chunk;
  return text;
}

/** The JSON document, or an exit: 2 when unreadable, 1 when not JSON. */
async function readJson(path: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = path === "-" ? await readAll(io.stdin) : await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (path === "-" && text.trim() === "") {
    throw new UsageError("no request given: pass the fields as flags, --file request.json, JSON on stdin, or run it in a terminal");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandError(
      `The credentials request is not readable: ${path === "-" ? "stdin" : path} is not valid JSON (${(error as Error).message}): write the request as a JSON object.`,
      { exitCode: EXIT_CODES.failed },
    );
  }
}

function describeIssue(issue: CredentialsRequestIssue, fromFlags: boolean): string {
  const flag = fromFlags ? (FLAG_OF.get(issue.path.slice(0, 2).join(".")) ?? FLAG_OF.get(String(issue.path[0]))) : undefined;
  const where = issue.dotPath === "" ? "request" : issue.dotPath;
  return `${where}${flag === undefined ? "" : ` (${flag})`}: ${issue.message}`;
}

interface Question {
  readonly path: readonly [string] | readonly [string, string];
  readonly prompt: string;
  readonly schema: v.GenericSchema<string, unknown> | v.GenericSchema<string | string[], unknown>;
  readonly fallback?: string;
  readonly optional?: boolean;
  /** When set, an empty list is refused with this explanation. */
  readonly needsOne?: string;
  readonly when?: (answers: Record<string, unknown>) => boolean;
  readonly normalise?: (answer: string) => string;
}

const FLOW_SHORTHANDS: ReadonlyMap<string, string> = new Map([
  ["m2m", "client-credentials"],
  ["machine", "client-credentials"],
  ["cc", "client-credentials"],
  ["pkce", "authorization-code-pkce"],
  ["interactive", "authorization-code-pkce"],
  ["browser", "authorization-code-pkce"],
]);

const isInteractive = (answers: Record<string, unknown>) => answers.flow === "authorization-code-pkce";

const QUESTIONS: readonly Question[] = [
  { path: ["applicationName"], prompt: "Application name", schema: ApplicationNameSchema },
  {
    path: ["description"],
    prompt: "What does the integration do, and how does it use the API?",
    schema: DescriptionSchema,
  },
  {
    path: ["environments"],
    prompt: "Environments (development, acceptation, production; commas between)",
    schema: EnvironmentsSchema,
  },
  {
    path: ["flow"],
    prompt: "Flow: client-credentials (machine-to-machine) or authorization-code-pkce (users sign in)",
    schema: FlowSchema,
    fallback: "client-credentials",
    normalise: (answer) => FLOW_SHORTHANDS.get(answer.toLowerCase()) ?? answer,
  },
  {
    path: ["redirectUris"],
    prompt: "Redirect URIs (spaces between)",
    schema: RedirectUrisSchema,
    needsOne:
      'authorization-code-pkce sends users back to a redirect URI after they sign in: give at least one, e.g. "https://app.example.com/callback".',
    when: isInteractive,
  },
  {
    path: ["allowedOrigins"],
    prompt: "Allowed origins, if the app runs in a browser (spaces between; empty for none)",
    schema: AllowedOriginsSchema,
    optional: true,
    when: isInteractive,
  },
  { path: ["scopes"], prompt: "Scopes (spaces between)", schema: ScopesSchema, fallback: "api.read" },
  { path: ["contact", "name"], prompt: "Technical owner's name", schema: ContactNameSchema },
  { path: ["contact", "email"], prompt: "Technical owner's email address", schema: ContactEmailSchema },
  {
    path: ["contact", "team"],
    prompt: "Team alias, e.g. a chat channel (empty for none)",
    schema: ContactTeamSchema,
    optional: true,
  },
];

function getPath(object: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

function setPath(object: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [first, second] = path as [string, string | undefined];
  if (second === undefined) {
    if (value === undefined) delete object[first];
    else object[first] = value;
    return;
  }
  const inner = (object[first] ?? {}) as Record<string, unknown>;
  if (value === undefined) delete inner[second];
  else inner[second] = value;
  object[first] = inner;
}

/** Asks the questions in a terminal (or over piped lines), re-asking with the explanation until each answer is valid. */
async function ask(io: CliIo, given: Record<string, unknown>): Promise<unknown> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: io.stdin.isTTY === true });
  const lines = rl[Symbol.asyncIterator]();
  let cancelledByUser = false;
  rl.on("SIGINT", () => {
    cancelledByUser = true;
    rl.close();
  });
  const answers: Record<string, unknown> = structuredClone(given);
  const readAnswer = async (prompt: string): Promise<string> => {
    rl.setPrompt(prompt);
    rl.prompt();
    const next = await lines.next();
    if (next.done && cancelledByUser) throw cancelled();
    if (next.done) throw new UsageError("the input ended before every question was answered");
    // Piped answers are not echoed: end the prompt's line so messages start on their own.
    if (io.stdin.isTTY !== true) io.stderr.write("\n");
    return next.value.trim();
  };
  const askOne = async (question: Question) => {
    for (;;) {
      const suffix = question.fallback === undefined ? "" : ` [${question.fallback}]`;
      let answer = await readAnswer(`${question.prompt}${suffix}: `);
      if (answer === "" && question.fallback !== undefined) answer = question.fallback;
      if (answer === "" && question.optional) {
        setPath(answers, question.path, undefined);
        return;
      }
      answer = question.normalise?.(answer) ?? answer;
      const result = v.safeParse(question.schema, answer);
      if (result.success && question.needsOne !== undefined && (result.output as unknown[]).length === 0) {
        io.stderr.write(`  ! ${question.needsOne}\n`);
        continue;
      }
      if (result.success) {
        setPath(answers, question.path, answer);
        return;
      }
      for (const issue of result.issues) io.stderr.write(`  ! ${issue.message}\n`);
    }
  };
  try {
    io.stderr.write("Answer each question; press Enter to take the value in [brackets].\n");
    for (const question of QUESTIONS) {
      if (question.when !== undefined && !question.when(answers)) continue;
      if (getPath(answers, question.path) !== undefined) continue;
      await askOne(question);
    }
    for (;;) {
      const result = safeParseCredentialsRequest(answers);
      if (result.ok) return answers;
      // Problems between fields (or with given flags): show them, ask those fields again.
      for (const issue of result.issues) io.stderr.write(`  ! ${describeIssue(issue, false)}\n`);
      const again = QUESTIONS.filter((question) =>
        result.issues.some((issue) => question.path.every((key, index) => issue.path[index] === key)),
      );
      if (again.length === 0) return answers;
      for (const question of again) await askOne(question);
    }
  } finally {
    rl.close();
  }
}

function render(request: CredentialsRequest, format: Format, jwks: unknown): string {
  switch (format) {
    case "email": {
      const { subject, body } = renderEmail(request);
      return `Subject: ${subject}\n\n${body}`;
    }
    case "markdown":
      return toMarkdown(request);
    case "json":
      return `${JSON.stringify(toJSON(request), null, 2)}\n`;
    case "rfc7591":
      return `${JSON.stringify(toClientMetadata(request, { jwks }), null, 2)}\n`;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(argv, OPTIONS);
  const format = values.format ?? "email";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${format}"`);
  }
  if (values.mailto !== undefined && values.format !== undefined) {
    throw new UsageError("--mailto prints a link; leave out --format");
  }
  if (values.jwks !== undefined && format !== "rfc7591") {
    throw new UsageError("--jwks goes into RFC 7591 metadata: add --format rfc7591 (and send that JSON with the request)");
  }
  const jwks = values.jwks === undefined ? undefined : await readJson(values.jwks, io);
  const flags = fieldsFromFlags(values);
  const fromFlags = Object.keys(flags).length > 0;
  let input: unknown;
  if (values.file !== undefined) {
    input = merge(await readJson(values.file, io), flags);
  } else if (values.interactive || (io.stdin.isTTY === true && !fromFlags)) {
    input = await ask(io, flags);
  } else if (fromFlags) {
    input = flags;
  } else {
    input = await readJson("-", io);
  }
  const result = safeParseCredentialsRequest(input);
  if (!result.ok) {
    const count = result.issues.length === 1 ? "1 problem" : `${result.issues.length} problems`;
    io.stderr.write(`The credentials request has ${count}:\n`);
    for (const issue of result.issues) io.stderr.write(`  - ${describeIssue(issue, fromFlags)}\n`);
    return EXIT_CODES.failed;
  }
  for (const warning of result.warnings) io.stderr.write(`warning: ${describeIssue(warning, fromFlags)}\n`);
  if (values.mailto !== undefined) {
    try {
      io.stdout.write(`${toMailtoUrl(result.request, values.mailto)}\n`);
    } catch (error) {
      if (isCredentialsRequestError(error)) throw new UsageError(`--mailto: ${error.issues[0]?.message}`);
      throw error;
    }
    return EXIT_CODES.ok;
  }
  try {
    io.stdout.write(render(result.request, format as Format, jwks));
  } catch (error) {
    if (!isCredentialsRequestError(error)) throw error;
    io.stderr.write(`--jwks ${values.jwks}: ${error.issues.map((issue) => `${issue.dotPath}: ${issue.message}`).join("; ")}\n`);
    return EXIT_CODES.failed;
  }
  return EXIT_CODES.ok;
}

/** The `cadasto-credentials-request` command, for `runCli`/`runMain` of `@cadasto/core/cli`. */
export const command: CliCommand<CliIo> = { name: "cadasto-credentials-request", usage: USAGE, run };
