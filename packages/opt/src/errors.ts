/**
 * The error of `@cadasto/opt`: {@linkcode OptError} with a stable `code`, and
 * its realm-safe guard {@linkcode isOptError}.
 *
 * @module
 */

import { errorBrand } from "@cadasto/core";

// `cadasto.OptError`, the brand @cadasto/templates gave OptError before the reader moved here;
// templates 0.1 marked it `@cadasto/templates/error-kind` = "OptError", still recognised.
const BRAND = /* @__PURE__ */ errorBrand("OptError", { legacy: [{ key: "@cadasto/templates/error-kind", value: "OptError" }] });

/**
 * Codes of {@linkcode OptError}.
 *
 * @example Say which files are not XML at all
 * ```ts
 * import { isOptError, type OptErrorCode } from "@cadasto/opt";
 * declare const error: unknown;
 * const syntax: OptErrorCode = "not_xml";
 * if (isOptError(error) && error.code === syntax) console.error(`line ${error.line}`);
 * ```
 */
export type OptErrorCode =
  /** The file is not well-formed XML (`line` and `column` say where): check that it is the .opt file itself, complete and not an HTML error page. */
  | "not_xml"
  /** The file, or one token in it (a text, an attribute value, a comment, a name), is beyond the reader's limits (`OPT_LIMITS`): check the file; raise `maxBytes` / `maxTokenLength` only for a file you trust. */
  | "too_large"
  /** The root element is not an openEHR `template` (namespace `http://schemas.openehr.org/v1`): export the operational template (OPT 1.4) from your modelling tool, not an archetype or a web template. */
  | "not_a_template"
  /** The root has no `template_id/value`: the file is not a complete OPT; export it again. */
  | "missing_template_id"
  /** The `concept` element is empty: give the template a concept name in your modelling tool and export it again. */
  | "empty_concept"
  /** The `definition` has no root `archetype_id/value`: the file is cut short or not an OPT; export it again. */
  | "missing_archetype_id"
  /** The source is not a string, bytes, a `Blob` or a byte stream: pass the OPT file's contents (e.g. from `readFile`). */
  | "invalid_source";

/**
 * An operational template (OPT) that cannot be used: not well-formed XML
 * (`not_xml`, with 1-based `line` and `column`), a file or a single token
 * (a text, an attribute value, a comment, a name) beyond the reader's limits
 * (`too_large`, with the position where the limit was crossed), a root element
 * that is not an openEHR `template` (`not_a_template`), no root `template_id`
 * (`missing_template_id`), an empty `concept` (`empty_concept`), no root
 * archetype id (`missing_archetype_id`), or a value that is no OPT source at
 * all (`invalid_source`: not a string, bytes, a `Blob` or a byte stream).
 *
 * @example Report where a broken file breaks
 * ```ts
 * import { readOptMetadata, isOptError } from "@cadasto/opt";
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
  /** 1-based line of a `not_xml` or `too_large` error, when known. */
  declare readonly line: number | undefined;
  /** 1-based column of a `not_xml` or `too_large` error, when known. */
  declare readonly column: number | undefined;
  /**
   * Creates the error; the reader throws it, so you rarely need to.
   *
   * @param code Why the file was refused.
   * @param message What is wrong and what to do.
   * @param options Position and cause.
   */
  constructor(code: OptErrorCode, message: string, options: { line?: number; column?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.assign(this, { code, line: options.line, column: options.column });
    this.name = "OptError";
    BRAND.mark(this);
  }
}

/**
 * Whether `value` is an {@linkcode OptError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for an {@linkcode OptError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { readOptMetadata, isOptError } from "@cadasto/opt";
 * try {
 *   await readOptMetadata("not xml");
 * } catch (error) {
 *   if (isOptError(error)) console.error(error.code, error.line, error.column);
 * }
 * ```
 */
export function isOptError(value: unknown): value is OptError {
  return BRAND.is(value);
}
