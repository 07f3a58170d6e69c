// Internal: turns an error response into the client's typed error, with the
// bearer tokens that were sent scrubbed from everything the server said.
import { createScrubber } from "@cadasto/core";
import { parseErrorBody } from "./error_body.ts";
import { ApiError, type ApiErrorInit, ConflictError, PreconditionFailedError } from "./api_error.ts";
import { RestClientError } from "./rest_client_error.ts";
import type { RestErrorFactory } from "./rest_client_options.ts";

/** The default: this package's classes (409 and 412 get their own). */
export const defaultErrors: RestErrorFactory = {
  api: (message, init) =>
    init.status === 409
      ? new ConflictError(message, init)
      : init.status === 412
        ? new PreconditionFailedError(message, init)
        : new ApiError(message, init),
  client: (code, message, options) => new RestClientError(code, message, options),
};

/** What to do about each status, when the client gives no advice of its own. */
const ADVICE: Readonly<Record<number, string>> = {
  400: "The server refused the request as invalid: fix it as the details say.",
  401: "The API wants a valid access token: pass auth (clientCredentials() of @cadasto/auth) with the API base URL as the token's audience.",
  403: "The token is valid but lacks the permission: request the scope this call needs (api.read to read, api.write to write).",
  404: "Not found: check the id and that the base URL ends with /openehr/v1.",
  406: "The server cannot answer in the requested format: ask for another media type.",
  409: "The request conflicts with what the server has: read the current state and retry.",
  412: "The If-Match version is not the current one (it changed meanwhile): read the resource again and retry with its new version.",
  415: "The server does not accept this content type: check the media type and that the base URL points at an openEHR API.",
  422: "The server could not process the content: fix it as the details say and send it again.",
};

/** The advice for a status when the client gives none (the same for every method). */
function defaultAdvice(status: number): string {
  return (
    ADVICE[status] ??
    (status >= 500
      ? "The server failed: retry later; if it keeps failing, contact Cadasto support with the time and the request."
      : "The server answered with an unexpected status: check the base URL points at an openEHR API.")
  );
}

/** How one failed call is described. */
export interface ErrorContext {
  readonly method: string;
  readonly url: string;
  /** Every bearer token sent for this call (scrubbed from the error). */
  readonly tokens: readonly string[];
  /** Whether this is the answer to the one replay after a 401. */
  readonly replayed: boolean;
  /** The client's own advice; where it has none (or says `undefined`), the default. */
  readonly advice: ((status: number, method: string) => string | undefined) | undefined;
  readonly errors: RestErrorFactory;
}

/** Builds the typed error for a response with an error status (reads its body). */
export async function apiErrorFrom(response: Response, context: ErrorContext): Promise<Error> {
  const { method, url, tokens, replayed } = context;
  let text = "";
  try {
    text = await response.text();
  } catch {
    // A body that cannot be read: the status alone still says what happened.
  }
  // Scrub the text before it is parsed or shortened (a cut could leave half a
  // token), then every parsed value (JSON escapes hide a token from the first pass).
  const scrubber = createScrubber(tokens);
  const parsed = parseErrorBody(scrubber.text(text), response.headers.get("content-type"));
  const clean = scrubber.value as (value: string | undefined) => string | undefined;
  const status = response.status;
  const challenge = status === 401 ? challengeError(response.headers.get("www-authenticate")) : undefined;
  const serverMessage = clean(parsed.message ?? challenge?.description);
  const details = parsed.details.map(scrubber.text);
  const statusLine = `${status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const twice = replayed ? " to a freshly requested token as well (the first was refused and invalidated)" : "";
  const said = serverMessage === undefined ? "" : `: ${serverMessage}`;
  const more = details.length > 5 ? `; … ${details.length - 5} more` : "";
  const listed = details.length === 0 ? "" : ` (${details.slice(0, 5).join("; ")}${more})`;
  const message = `${method} ${url} answered ${statusLine}${twice}${said}${listed}. ${context.advice?.(status, method) ?? defaultAdvice(status)}`;
  const init: ApiErrorInit = {
    status,
    method,
    url,
    serverMessage,
    serverCode: clean(parsed.code ?? challenge?.error),
    details,
    body: scrubber.value(parsed.body),
    etag: clean(response.headers.get("etag") ?? undefined),
  };
  return context.errors.api(scrubber.text(message), init);
}

/** The `error` and `error_description` of a Bearer challenge (RFC 6750 §3). */
function challengeError(header: string | null): { error?: string | undefined; description?: string | undefined } | undefined {
  if (header === null) return undefined;
  const param = (name: string): string | undefined => new RegExp(`${name}="([^"]*)"`, "i").exec(header)?.[1];
  return { error: param("error"), description: param("error_description") };
}
