import { checkFormat, checkTemplateId, compositionBody } from "./_composition_body.ts";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId } from "./_ids.ts";
import { readJson, writtenVersion } from "./_response.ts";
import { CHANGE_TYPE, writeHeaders } from "./_write_headers.ts";
import type { Composition, CompositionFormat } from "./composition_format.ts";
import type { VersionWriteResult, WriteOptions } from "./write_options.ts";

/**
 * Options of {@linkcode CompositionsApi.create}.
 *
 * @example Pin the commit to one uploaded template version
 * ```ts
 * import type { CreateCompositionOptions } from "@cadasto/openehr";
 * const options: CreateCompositionOptions = {
 *   templateId: "minimal_evaluation.en.v1::0c05260d-421a-402e-bc65-dc8e3cc529a8",
 *   audit: { committer: "ward-app" },
 * };
 * console.log(options.templateId);
 * ```
 */
export interface CreateCompositionOptions extends WriteOptions {
  /**
   * The template (`template_id`, the latest version at commit time) or one
   * version of it (`{template_id}::{uid}`, as `@cadasto/templates` names
   * uploads). Canonical JSON gets it in `archetype_details.template_id.value`
   * of a copy (your object is never changed); FLAT and STRUCTURED send it as
   * `openehr-template-id` and need it.
   */
  readonly templateId?: string | undefined;
  /** `canonical` (default), `flat` or `structured`. */
  readonly format?: CompositionFormat | undefined;
}

/**
 * What a composition write created; with `prefer: "representation"` also
 * the stored composition.
 *
 * @example Update what was just created
 * ```ts
 * import { createOpenEhrClient, type CompositionWriteResult } from "@cadasto/openehr";
 * const client = createOpenEhrClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * declare const ehrId: string;
 * declare const composition: Record<string, unknown>;
 * const created: CompositionWriteResult = await client.compositions.create(ehrId, composition);
 * await client.compositions.update(ehrId, created.objectId, composition, { ifMatch: created.uid });
 * ```
 */
export interface CompositionWriteResult extends VersionWriteResult {
  /** The stored composition (with `prefer: "representation"`), in the format sent. */
  readonly composition: Composition | undefined;
}

/** `compositions.create()`: `POST /ehr/{ehr_id}/composition`. */
export async function createComposition(
  api: RestClient,
  ehrId: string,
  composition: Composition,
  options: CreateCompositionOptions = {},
): Promise<CompositionWriteResult> {
  const id = checkEhrId(ehrId);
  return writeComposition(api, "POST", ["ehr", id, "composition"], composition, options, {});
}

/** A composition POST or PUT: body, headers, and the version it created. */
export async function writeComposition(
  api: RestClient,
  method: "POST" | "PUT",
  segments: readonly string[],
  composition: Composition,
  options: CreateCompositionOptions,
  extraHeaders: Record<string, string>,
): Promise<CompositionWriteResult> {
  const format = checkFormat(options.format);
  const templateId = options.templateId === undefined ? undefined : checkTemplateId(options.templateId);
  const { body, contentType, templateIdHeader } = compositionBody(composition, format, templateId);
  const headers: Record<string, string> = {
    ...writeHeaders(options, method === "POST" ? CHANGE_TYPE.creation : CHANGE_TYPE.modification),
    ...extraHeaders,
    "content-type": contentType,
    accept: contentType,
  };
  if (templateIdHeader !== undefined) headers["openehr-template-id"] = templateIdHeader;
  const response = await api.request(method, segments, { headers, body, signal: options.signal });
  const returned = await readJson(response, method);
  const stored = typeof returned === "object" && returned !== null && !Array.isArray(returned) ? (returned as Composition) : undefined;
  return { ...writtenVersion(response, method, stored), composition: stored };
}
