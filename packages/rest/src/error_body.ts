/**
 * What an openEHR error body says, whatever its shape: openEHR servers use
 * three.
 *
 * @module
 */

/**
 * An error body, read by {@linkcode parseErrorBody}.
 *
 * @example Show the server's own words
 * ```ts
 * import { parseErrorBody, type ErrorBody } from "@cadasto/rest";
 * const said: ErrorBody = parseErrorBody('{"message":"Invalid template","validationErrors":["concept is empty"]}', "application/json");
 * console.log(said.message, said.details);
 * ```
 */
export interface ErrorBody {
  /** The server's message (`message`, `error_description`, `detail`, or a short plain-text body), on one line. */
  readonly message?: string | undefined;
  /** The server's own error code (`code`, or EHRbase's `error` next to a `message`). */
  readonly code?: string | undefined;
  /** Itemised problems from `validationErrors` and `errors`, as text (`path: message` when a path is given). */
  readonly details: readonly string[];
  /** The parsed JSON value, or the trimmed text shortened to 500 characters (an HTML page is kept here only). */
  readonly body?: unknown;
}

const MAX_TEXT = 500;

/**
 * Reads an error body in any of the three shapes openEHR servers use:
 * `{ message, validationErrors: [...] }` (the openEHR REST spec),
 * `{ message, code, errors: [...] }` (some platforms) and EHRbase's
 * `{ error, message }`; plain text becomes the message; an HTML error page
 * says nothing useful and is kept in `body` only. Never throws.
 *
 * @param text The response body as text.
 * @param contentType The response's `Content-Type`, if any.
 * @returns What the body says.
 *
 * @example Read EHRbase's shape
 * ```ts
 * import { parseErrorBody } from "@cadasto/rest";
 * const { message, code } = parseErrorBody('{"error":"Bad Request","message":"Unknown template"}', "application/json");
 * console.log(code, message); // "Bad Request" "Unknown template"
 * ```
 */
export function parseErrorBody(text: string, contentType: string | null): ErrorBody {
  const trimmed = text.trim();
  if (trimmed === "") return { details: [] };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // Not JSON: keep short plain text as the message; an HTML error page says nothing useful.
    const html = /html/i.test(contentType ?? "") || /^<(!doctype|html)/i.test(trimmed);
    const short = trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT)}…` : trimmed;
    return html ? { details: [], body: short } : { message: oneLine(short), details: [], body: short };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { message: typeof json === "string" ? oneLine(json) : undefined, details: [], body: json };
  }
  const record = json as Record<string, unknown>;
  const message = text_(record.message) ?? text_(record.error_description) ?? text_(record.detail);
  // EHRbase puts a short reason ("Bad Request") in `error` next to `message`;
  // when `error` is the only text, it is the message.
  const errorText = text_(record.error);
  const code = text_(record.code) ?? (message !== undefined ? errorText : undefined);
  const details = [...items(record.validationErrors), ...items(record.errors)];
  return { message: message ?? errorText, code, details, body: json };
}

function text_(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? oneLine(value) : undefined;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Validation errors as text: strings, or objects with a message and a path/field. */
function items(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): string[] => {
    if (typeof item === "string") return item.trim() === "" ? [] : [oneLine(item)];
    if (typeof item !== "object" || item === null) return [];
    const record = item as Record<string, unknown>;
    const message = text_(record.message) ?? text_(record.error) ?? text_(record.description);
    const where = text_(record.path) ?? text_(record.field) ?? text_(record.location);
    if (message === undefined) return [JSON.stringify(item)];
    return [where === undefined ? message : `${where}: ${message}`];
  });
}
