// Internal: turns an error response of the openEHR Definition API into a
// TemplatesApiError, reading the three error body shapes openEHR servers use:
//   { message, validationErrors: [...] }      (openEHR REST spec)
//   { message, code, errors: [...] }          (some platforms)
//   { error, message }                        (EHRbase)
import { TemplateConflictError, TemplatesApiError, type TemplatesApiErrorInit } from "./errors.ts";

/** What an error body says, whatever its shape. */
export interface ErrorBody {
  readonly message?: string | undefined;
  readonly code?: string | undefined;
  readonly details: readonly string[];
  /** The parsed JSON value, or the (trimmed, shortened) text. */
  readonly body?: unknown;
}

const MAX_TEXT = 500;

/** Reads an error body from its text and content type; never throws. */
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

/** What to do about each status, for the error message. */
function advice(status: number, method: string): string {
  switch (status) {
    case 400:
      return method === "POST"
        ? "The server refused the template as invalid: fix the OPT as the details say (validate it in your modelling tool) and upload again."
        : "The server refused the request as invalid: check the template id and filter values.";
    case 401:
      // With `auth`, authFetch renews once and throws an OAuthError itself: a
      // 401 gets here when the client sends no token, or its own fetch/ky does.
      return "The API wants a valid access token: pass auth (clientCredentials() of @cadasto/auth, with CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET) to createTemplatesClient, with the API base URL as the token's audience.";
    case 403:
      return method === "POST"
        ? "The token is valid but may not upload templates: request the api.write scope (CADASTO_SCOPE) for this client."
        : "The token is valid but may not read templates: request the api.read scope (CADASTO_SCOPE) for this client.";
    case 404:
      return "No such template (or API path): check the id with list() and that the base URL ends with /openehr/v1.";
    case 406:
      return 'The server cannot return the template in the requested format: use format "opt", or a server that serves web templates.';
    case 409:
      return "A template with this template_id already exists and this server does not keep versions: use ensure() to skip unchanged uploads, or give the changed template a new template_id.";
    case 415:
      return "The server does not accept this content type for templates: it expects application/xml (an ADL 1.4 OPT); check the base URL points at an openEHR Definition API.";
    case 422:
      return "The server could not process the template: fix the OPT as the details say and upload again.";
    default:
      return status >= 500
        ? "The server failed: retry later; if it keeps failing, contact Cadasto support with the time and the request."
        : "The server answered with an unexpected status: check the base URL points at an openEHR Definition API.";
  }
}

/** Builds the typed error for a response with an error status (reads its body). */
export async function apiErrorFrom(response: Response, method: string, url: string): Promise<TemplatesApiError> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // A body that cannot be read: the status alone still says what happened.
  }
  const parsed = parseErrorBody(text, response.headers.get("content-type"));
  const status = response.status;
  const statusLine = `${status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const said = parsed.message === undefined ? "" : `: ${parsed.message}`;
  const listed = parsed.details.length === 0 ? "" : ` (${parsed.details.slice(0, 5).join("; ")}${parsed.details.length > 5 ? `; … ${parsed.details.length - 5} more` : ""})`;
  const message = `${method} ${url} answered ${statusLine}${said}${listed}. ${advice(status, method)}`;
  const init: TemplatesApiErrorInit = {
    status,
    method,
    url,
    serverMessage: parsed.message,
    serverCode: parsed.code,
    details: parsed.details,
    body: parsed.body,
  };
  return status === 409 ? new TemplateConflictError(message, init) : new TemplatesApiError(message, init);
}
