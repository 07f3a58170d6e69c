/**
 * Error classes of `@cadasto/templates`. Every error carries a stable `code`
 * and, where there is one, the underlying `cause`. The `is…Error()` guards
 * check a brand symbol, so they work across realms and duplicated installs.
 *
 * @module
 */

import { brand, hasKind } from "./_brand.ts";

/** Codes of {@linkcode TemplateIdError}. */
export type TemplateIdErrorCode = "invalid_template_id";

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
  readonly code: TemplateIdErrorCode = "invalid_template_id";
  /** Which part is wrong: the template id or the version (uid) part. */
  readonly part: "templateId" | "uid";
  /**
   * @param message What is wrong and what to do.
   * @param part The offending part.
   */
  constructor(message: string, part: "templateId" | "uid") {
    super(message);
    this.name = "TemplateIdError";
    this.part = part;
    brand(this, "TemplateIdError");
  }
}

/** Codes of {@linkcode OptError}. */
export type OptErrorCode =
  | "not_xml"
  | "not_a_template"
  | "missing_template_id"
  | "empty_concept"
  | "missing_archetype_id";

/**
 * An operational template (OPT) that cannot be used: not well-formed XML
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
  readonly code: OptErrorCode;
  /** 1-based line of a `not_xml` error, when known. */
  readonly line: number | undefined;
  /** 1-based column of a `not_xml` error, when known. */
  readonly column: number | undefined;
  /**
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
    this.name = "OptError";
    this.code = code;
    this.line = options.line;
    this.column = options.column;
    brand(this, "OptError");
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
  return hasKind(value, ["TemplateIdError"]);
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
  return hasKind(value, ["OptError"]);
}

