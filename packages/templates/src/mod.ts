/**
 * openEHR ADL 1.4 operational templates on Cadasto: OPT metadata,
 * `{template_id}::{uid}` version ids, upload/list/get/ensure, and a CI command.
 *
 * @example Check an OPT offline, then upload it only when it changed
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import type { TokenSource } from "@cadasto/auth";
 * import { createTemplatesClient, readOptMetadata } from "@cadasto/templates";
 * declare const auth: TokenSource; // clientCredentials() of @cadasto/auth
 * const opt = await readFile("Demo_Vitals.opt");
 * const { templateId } = await readOptMetadata(opt);
 * const templates = createTemplatesClient({ baseUrl: "https://acme.api.prod.cadasto.io/openehr/v1", auth });
 * const { uploaded, versionId } = await templates.ensure(opt);
 * console.log(templateId, uploaded ? `uploaded as ${versionId}` : "unchanged");
 * ```
 *
 * @module
 */

export { isOptError, isTemplateIdError, OptError, type OptErrorCode, TemplateIdError, type TemplateIdErrorCode } from "./errors.ts";
export {
  isTemplateConflictError,
  isTemplatesApiError,
  isTemplatesClientError,
  TemplateConflictError,
  TemplatesApiError,
  type TemplatesApiErrorCode,
  type TemplatesApiErrorInit,
  TemplatesClientError,
  type TemplatesClientErrorCode,
} from "./client_errors.ts";
export { formatTemplateVersionId, parseTemplateVersionId } from "./template_version_id.ts";
export type { TemplateVersionId } from "./template_version_id.ts";
export { readOptMetadata } from "./read_opt_metadata.ts";
export type { OptMetadata, OptSource } from "./read_opt_metadata.ts";
export type { TemplateListEntry } from "./template_list_entry.ts";
export { createTemplatesClient, type TemplatesClient } from "./templates_client.ts";
export type {
  EnsureResult,
  GetOptions,
  ListFilter,
  RequestOptions,
  TemplateFormat,
  TemplatesClientOptions,
  UploadOptions,
  UploadProgressEvent,
  UploadResult,
  WebTemplate,
} from "./templates_client_options.ts";
// The operations, one file each; the client's methods are these bound to its REST client.
export { uploadTemplate } from "./upload_template.ts";
export { listTemplates } from "./list_templates.ts";
export { templateVersions } from "./template_versions.ts";
export { getTemplate, getTemplateBytes } from "./get_template.ts";
export { ensureTemplate } from "./ensure_template.ts";
