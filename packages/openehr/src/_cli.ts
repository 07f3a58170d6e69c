// Internal: the `cadasto-openehr` command (node only). `cli.ts` runs it with
// the process's streams; tests drive the built `dist/cli.js`.
import { readFile } from "node:fs/promises";
import { errorBrand } from "@cadasto/core";
import { type CliCommand, type CliIo, CommandError, connectionSecrets } from "@cadasto/core/cli";
import { isApiError, isRestClientError } from "@cadasto/rest";
import { type CommandLineCall, parseCall, USAGE } from "./_cli_args.ts";
import { connect } from "./_cli_connect.ts";
import { type RowFormat, rowWriter } from "./_cli_rows.ts";
import type { Composition, CompositionFormat } from "./composition_format.ts";

const NAME = "cadasto-openehr";
// The errors of the optional peers, recognised by their brands (no import: they may not be installed).
const AUTH_ERROR = errorBrand("AuthError");
const DISCOVERY_ERROR = errorBrand("DiscoveryError");

async function readComposition(file: string): Promise<Composition> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CommandError(`${NAME}: cannot read ${file}: ${(error as { code?: string }).code ?? String(error)}; check the path.`);
  }
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
    return value as Composition;
  } catch (error) {
    throw new CommandError(`${NAME}: ${file} is not a composition (a JSON object): ${(error as Error).message}.`);
  }
}

async function run(call: CommandLineCall, io: CliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  const err = (text: string) => io.stderr.write(text);
  const print = (value: unknown, text: string) => out(call.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
  const env = io.env ?? {};
  const [first = "", second = ""] = call.args;
  switch (call.action) {
    case "ehr create": {
      const client = await connect(call.connection, env, true);
      const ehr = await client.ehrs.create(call.subject === undefined ? {} : { subject: call.subject });
      print({ ehrId: ehr.ehrId, timeCreated: ehr.timeCreated, systemId: ehr.systemId }, ehr.ehrId);
      return 0;
    }
    case "ehr get": {
      const client = await connect(call.connection, env, false);
      const ehr = await client.ehrs.get(first);
      print(ehr.body ?? { ehrId: ehr.ehrId }, `${ehr.ehrId}  created ${ehr.timeCreated ?? "-"}  system ${ehr.systemId ?? "-"}`);
      return 0;
    }
    case "composition commit": {
      // The file is read and checked before any configuration or network work.
      const composition = await readComposition(second);
      const client = await connect(call.connection, env, true);
      const format = call.format as CompositionFormat | undefined;
      const written = await client.compositions.create(first, composition, { templateId: call.templateId, format });
      print({ uid: written.uid, objectId: written.objectId, version: written.version, location: written.location }, written.uid);
      return 0;
    }
    case "composition get": {
      const client = await connect(call.connection, env, false);
      const read = await client.compositions.get(first, second, { format: call.format as CompositionFormat | undefined });
      out(`${JSON.stringify(call.json ? { uid: read.uid, composition: read.composition } : read.composition, null, 2)}\n`);
      if (!call.json) err(`${read.uid}\n`);
      return 0;
    }
    case "query": {
      const client = await connect(call.connection, env, false);
      const writer = rowWriter((call.format ?? "table") as RowFormat, out);
      // The row count on a terminal's stderr, when the rows themselves go elsewhere (a file, a pipe).
      const progress = call.progress ?? (io.stderr.isTTY === true && io.stdout.isTTY !== true);
      let count = 0;
      const rows = client.query.rows({ q: first, params: call.params }, { pageSize: call.pageSize, signal: io.signal });
      for await (const record of rows) {
        writer.row(record);
        count++;
        if (progress && count % (call.pageSize ?? 1_000) === 0) err(`\r${count.toLocaleString("en")} rows…`);
      }
      writer.end();
      if (progress) err(`\r${count.toLocaleString("en")} rows\n`);
      return 0;
    }
  }
}

/** One line saying what went wrong, from the SDK's typed errors; `undefined` for a bug. */
function describeError(error: unknown): string | undefined {
  if (isApiError(error) || isRestClientError(error) || DISCOVERY_ERROR.is(error) || AUTH_ERROR.is(error)) {
    const hint =
      isApiError(error) && error.status === 401
        ? "\nWith --no-auth no token is sent: drop it and set CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET."
        : "";
    return `${(error as Error).message}${hint}`;
  }
  if (error instanceof Error && error.name === "AbortError") return "stopped.";
  return undefined;
}

/** The command, as `runMain()` of @cadasto/core/cli runs it. */
export const openEhrCommand: CliCommand = {
  name: NAME,
  usage: USAGE,
  run: (argv, io) => run(parseCall(argv), io),
  describeError,
  secrets: (io) => connectionSecrets(io.env ?? {}),
};
