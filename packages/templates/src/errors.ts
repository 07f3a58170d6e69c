/**
 * Error classes of `@cadasto/templates` for version ids (the client's are in
 * `client_errors.ts`; `OptError` is `@cadasto/opt`'s, re-exported with the
 * reader from `read_opt_metadata.ts`). Every error carries a stable `code`
 * and, where there is one, the underlying `cause`. The `is…Error()` guards
 * check a brand symbol, so they work across realms and duplicated installs.
 *
 * @module
 */

import { TEMPLATE_ID_ERROR } from "./_brands.ts";

/**
 * Codes of {@linkcode TemplateIdError}.
 *
 * @example Check the code
 * ```ts
 * import { isTemplateIdError, type TemplateIdErrorCode } from "@cadasto/templates";
 * declare const error: unknown;
 * const code: TemplateIdErrorCode = "invalid_template_id";
 * console.log(isTemplateIdError(error) && error.code === code);
 * ```
 */
export type TemplateIdErrorCode =
  /** A `{template_id}::{uid}` string (or its parts) has an empty template id or an empty version part (`part` says which): pass a template id, optionally followed by `::` and the version's UUID. */
  "invalid_template_id";

/**
 * A `{template_id}::{uid}` string (or its parts) is not usable: an empty
 * template id or an empty version part. `part` names which one.
 *
 * @example Tell the user which part is wrong
 * ```ts
 * import { parseTemplateVersionId, isTemplateIdError } from "@cadasto/templates";
 * try {
 *   parseTemplateVersionId("::0c05260d-421a-402e-bc65-dc8e3cc529a8");
 * } catch (error) {
 *   if (isTemplateIdError(error)) console.error(error.part, error.message);
 * }
 * ```
 */
export class TemplateIdError extends Error {
  /** Always `invalid_template_id`. */
  declare readonly code: TemplateIdErrorCode;
  /** Which part is wrong: the template id or the version (uid) part. */
  declare readonly part: "templateId" | "uid";
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What is wrong and what to do.
   * @param part The offending part.
   */
  constructor(message: string, part: "templateId" | "uid") {
    super(message);
    TEMPLATE_ID_ERROR.mark(this, { code: "invalid_template_id", part, name: "TemplateIdError" });
  }
}

/**
 * Whether `value` is a {@linkcode TemplateIdError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode TemplateIdError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { formatTemplateVersionId, isTemplateIdError } from "@cadasto/templates";
 * try {
 *   formatTemplateVersionId({ templateId: "" });
 * } catch (error) {
 *   if (isTemplateIdError(error)) console.error(error.code);
 * }
 * ```
 */
export function isTemplateIdError(value: unknown): value is TemplateIdError {
  return TEMPLATE_ID_ERROR.is(value);
}
