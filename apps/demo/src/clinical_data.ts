import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { TokenSource } from "@cadasto/auth";
import { aql, createOpenEhrClient } from "@cadasto/openehr";
import { createTemplatesClient, isTemplateConflictError, readOptMetadata } from "@cadasto/templates";
import { step } from "./_step.ts";

/** Options of {@linkcode runClinicalData}. */
export interface ClinicalDataOptions {
  /** The openEHR base URL. */
  readonly apiBaseUrl: string;
  /** The token source the quick start made. */
  readonly auth: TokenSource;
  /** The OPT to upload twice (two versions of one template). */
  readonly opt: string;
  /** A canonical composition of that template, committed once against each version. */
  readonly composition: string;
  /** Where each line of the report goes. */
  readonly log: (line: string) => void;
}

/** One composition the demo committed, and the template version the server reads back for it. */
export interface CommittedComposition {
  readonly uid: string;
  /** The `{template_id}::{uid}` the commit was pinned to. */
  readonly pinnedTo: string;
  /** `archetype_details/template_id/value` as AQL reads it back. */
  readonly readBack: string | undefined;
}

/** What {@linkcode runClinicalData} did. */
export interface ClinicalDataResult {
  readonly ehrId: string;
  readonly templateVersions: readonly string[];
  readonly compositions: readonly CommittedComposition[];
}

/** The fixtures the demo commits by default: minimal_evaluation.json and its OPT (attribution: the SOURCES.md beside each). */
export const DEFAULT_CLINICAL: { readonly opt: string; readonly composition: string } = {
  opt: new URL("../../../fixtures/templates/minimal_evaluation.en.v1.opt", import.meta.url).pathname,
  composition: new URL("../../../fixtures/compositions/minimal_evaluation.json", import.meta.url).pathname,
};

const label = (name: string): string => `   ${name.padEnd(18)}`;

/**
 * The quick start's second half: upload a template version, create an EHR,
 * commit a real composition pinned to that version's `{template_id}::{uid}`,
 * upload a second version, commit again against it, and read both back with
 * one AQL query that shows each composition's template version.
 *
 * @param options Where to run, the token source, the fixtures and the log.
 * @returns The EHR, the two versions and what AQL read back.
 * @throws {DemoError} `step_failed` naming the step, with the package's error as `cause`.
 */
export async function runClinicalData(options: ClinicalDataOptions): Promise<ClinicalDataResult> {
  const { log } = options;
  const templates = createTemplatesClient({ baseUrl: options.apiBaseUrl, auth: options.auth });
  const openehr = createOpenEhrClient({ baseUrl: options.apiBaseUrl, auth: options.auth });
  const optBytes = await step("read OPT", () => readFile(options.opt));
  const { templateId } = await step("read OPT", () => readOptMetadata(optBytes));
  const composition = await step(
    "read composition",
    async () => JSON.parse((await readFile(options.composition, "utf8")).replace(/^\uFEFF/, "")) as Record<string, unknown>,
  );

  log(`6. Upload ${basename(options.opt)} (template_id "${templateId}")`);
  const first = (await step("upload", () => templates.upload(optBytes))).versionId;
  log(`${label("version id")}${first}`);

  log("7. EHR: POST /ehr");
  const { ehrId, timeCreated } = await step("create EHR", () => openehr.ehrs.create());
  log(`${label("ehr_id")}${ehrId}${timeCreated === undefined ? "" : `  created ${timeCreated}`}`);

  const committed: { uid: string; pinnedTo: string }[] = [];
  const commit = async (n: number, pinnedTo: string) => {
    log(`${n}. Commit ${basename(options.composition)} pinned to ${pinnedTo}`);
    const { uid } = await step("commit composition", () =>
      openehr.compositions.create(ehrId, composition, { templateId: pinnedTo, audit: { committer: "cadasto-demo" } }),
    );
    committed.push({ uid, pinnedTo });
    log(`${label("composition uid")}${uid}`);
  };
  await commit(8, first);

  log(`9. Upload ${basename(options.opt)} again: a second version of "${templateId}"`);
  const second = await step("upload", async () => {
    try {
      return (await templates.upload(optBytes)).versionId;
    } catch (error) {
      // A plain openEHR server keeps one version per template_id and answers 409.
      if (isTemplateConflictError(error)) return undefined;
      throw error;
    }
  });
  if (second === undefined)
    log(`${label("409 Conflict")}this server keeps one version per template_id; committing against the first again`);
  else log(`${label("version id")}${second}`);
  await commit(10, second ?? first);

  log("11. AQL: each composition of the EHR with the template version it was committed against");
  const query = aql<{ uid: string; template: string }>`SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template
    FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId}`;
  log(`${label("query")}${query.q.replace(/\s+/g, " ")}`);
  log(`${label("parameters")}${JSON.stringify(query.params)}`);
  const result = await step("AQL", () => openehr.query.aql(query));
  const readBack = new Map(result.records.map((record) => [record.uid, record.template]));
  for (const record of result.records) log(`   - ${record.uid}  →  ${record.template}`);
  log(`${label("rows")}${result.rows.length} (columns: ${result.columns.map((column) => column.name).join(", ")})`);
  return {
    ehrId,
    templateVersions: second === undefined ? [first] : [first, second],
    compositions: committed.map((entry) => ({ ...entry, readBack: readBack.get(entry.uid) })),
  };
}
