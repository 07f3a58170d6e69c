/**
 * Error classes of `@cadasto/templates` for OPT files and version ids (the
 * client's are in `client_errors.ts`). Every error carries a stable `code`
 * and, where there is one, the underlying `cause`. The `is…Error()` guards
 * check a brand symbol, so they work across realms and duplicated installs.
 *
 * @module
 */

import { brand, OPT_ERROR, TEMPLATE_ID_ERROR } from "./_brands.ts";

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
  | "invalid_template_id";

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
    brand(this, "TemplateIdError", TEMPLATE_ID_ERROR, { code: "invalid_template_id", part });
  }
}

/**
 * Codes of {@linkcode OptError}.
 *
 * @example Say which files are not XML at all
 * ```ts
 * import { isOptError, type OptErrorCode } from "@cadasto/templates";
 * declare const error: unknown;
 * const syntax: OptErrorCode = "not_xml";
 * if (isOptError(error) && error.code === syntax) console.error(`line ${error.line}`);
 * ```
 */
export type OptErrorCode =
  /** The source is not a string, bytes, a `Blob` or a byte stream: pass the OPT file's contents (e.g. from `readFile`). */
  | "invalid_source"
  /** The file is not well-formed XML (`line` and `column` say where): check that it is the .opt file itself, complete and not an HTML error page. */
  | "not_xml"
  /** The root element is not an openEHR `template` (namespace `http://schemas.openehr.org/v1`): export the operational template (OPT 1.4) from your modelling tool, not an archetype or a web template. */
  | "not_a_template"
  /** The root has no `template_id/value`: the file is not a complete OPT; export it again. */
  | "missing_template_id"
  /** The `concept` element is empty: give the template a concept name in your modelling tool and export it again. */
  | "empty_concept"
  /** The `definition` has no root `archetype_id/value`: the file is cut short or not an OPT; export it again. */
  | "missing_archetype_id";

/**
 * An operational template (OPT) that cannot be used: a source that is not a
 * string, bytes, a `Blob` or a byte stream (`invalid_source`), not well-formed XML
 * (`not_xml`, with 1-based `line` and `column`), a root element that is not
 * an openEHR `template` (`not_a_template`), no root `template_id`
 * (`missing_template_id`), an empty `concept` (`empty_concept`) or no root
 * archetype id (`missing_archetype_id`).
 *
 * @example Report where a broken file breaks
 * ```ts
 * import { readOptMetadata, isOptError } from "@cadasto/templates";
 * try {
 *   await readOptMetadata("<template xmlns='http://schemas.openehr.org/v1'>");
 * } catch (error) {
 *   if (isOptError(error) && error.code === "not_xml") {
 *     console.error(`line ${error.line}, column ${error.column}: ${error.message}`);
 *   }
 * }
 * ```
 */
export class OptError extends Error {
  /** Why the file was refused. */
  declare readonly code: OptErrorCode;
  /** 1-based line of a `not_xml` error, when known. */
  declare readonly line: number | undefined;
  /** 1-based column of a `not_xml` error, when known. */
  declare readonly column: number | undefined;
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why the file was refused.
   * @param message What is wrong and what to do.
   * @param options Position and cause.
   */
  constructor(
    code: OptErrorCode,
    message: string,
    options: { line?: number; column?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    brand(this, "OptError", OPT_ERROR, { code, line: options.line, column: options.column });
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

/**
 * Whether `value` is an {@linkcode OptError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for an {@linkcode OptError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { readOptMetadata, isOptError } from "@cadasto/templates";
 * try {
 *   await readOptMetadata("not xml");
 * } catch (error) {
 *   if (isOptError(error)) console.error(error.code, error.line, error.column);
 * }
 * ```
 */
export function isOptError(value: unknown): value is OptError {
  return OPT_ERROR.is(value);
}
