/**
 * openEHR ADL 1.4 operational templates on Cadasto: OPT metadata,
 * `{template_id}::{uid}` version ids, upload/list/get/ensure, and a CI command.
 *
 * @example Read an OPT's identity and split a version id
 * ```ts
 * import { parseTemplateVersionId } from "@cadasto/templates";
 * const { templateId, uid } = parseTemplateVersionId("Demo Vitals::0c05260d-421a-402e-bc65-dc8e3cc529a8");
 * console.log(templateId, uid);
 * ```
 *
 * @module
 */

export {
  isOptError,
  isTemplateConflictError,
  isTemplateIdError,
  isTemplatesApiError,
  isTemplatesClientError,
  OptError,
  TemplateConflictError,
  TemplateIdError,
  TemplatesApiError,
  TemplatesClientError,
} from "./errors.ts";
export type {
  OptErrorCode,
  TemplateIdErrorCode,
  TemplatesApiErrorCode,
  TemplatesApiErrorInit,
  TemplatesClientErrorCode,
} from "./errors.ts";
export { formatTemplateVersionId, parseTemplateVersionId } from "./template_version_id.ts";
export type { TemplateVersionId } from "./template_version_id.ts";
export { readOptMetadata } from "./read_opt_metadata.ts";
export type { OptMetadata, OptSource } from "./read_opt_metadata.ts";
export type { TemplateListEntry } from "./template_list_entry.ts";
export { createTemplatesClient } from "./templates_client.ts";
export type {
  EnsureResult,
  GetOptions,
  ListFilter,
  RequestOptions,
  TemplateFormat,
  TemplatesClient,
  TemplatesClientOptions,
  UploadOptions,
  UploadProgressEvent,
  UploadResult,
  WebTemplate,
} from "./templates_client.ts";
