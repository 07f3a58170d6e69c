import type { CredentialsRequest } from "./credentials_request.ts";
import { parseCredentialsRequest } from "./parse_credentials_request.ts";
import { subjectOf, summarise } from "./_summary.ts";

/**
 * A plain-text email: what {@linkcode renderEmail} returns.
 *
 * @example Print an email
 * ```ts
 * import type { RenderedEmail } from "@cadasto/credentials-request";
 * declare const email: RenderedEmail;
 * console.log(`Subject: ${email.subject}\n\n${email.body}`);
 * ```
 */
export interface RenderedEmail {
  /** "Request: Cadasto API client credentials for <application name>". */
  readonly subject: string;
  /** One line per field ("Label: value"), lines separated by "\n", ending with "\n". */
  readonly body: string;
}

/**
 * Renders a request as the email (or support ticket) Cadasto's request
 * template asks for: the subject "Request: Cadasto API client credentials for
 * <app>" and one "Label: value" line per field, plain text. The output is
 * stable (same request, same bytes) and holds nothing secret: a request never
 * contains a client secret, and URLs with credentials are refused when parsing.
 * Lines of a multi-line description after the first are indented by two spaces.
 *
 * @param input A request from {@linkcode parseCredentialsRequest}.
 * @returns The subject and the body (lines separated by "\n").
 * @throws {CredentialsRequestError} `invalid_request` when `request` is not a valid request: it is checked again, as it may not come from {@linkcode parseCredentialsRequest}.
 *
 * @example Render the email for a backend service
 * ```ts
 * import { parseCredentialsRequest, renderEmail } from "@cadasto/credentials-request";
 * const { request } = parseCredentialsRequest({
 *   applicationName: "Acme Lab Sync",
 *   environments: ["production"],
 *   scopes: "api.read api.write",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Uploads lab templates from CI.",
 * });
 * const { subject, body } = renderEmail(request);
 * console.log(subject); // Request: Cadasto API client credentials for Acme Lab Sync
 * console.log(body);    // Application name: Acme Lab Sync …
 * ```
 */
export function renderEmail(input: CredentialsRequest): RenderedEmail {
  const { request } = parseCredentialsRequest(input);
  const lines = summarise(request).map((line) => {
    const value = "text" in line ? line.text : line.tokens.length > 0 ? line.tokens.join(" ") : line.none;
    return `${line.label}: ${value.replaceAll("\n", "\n  ")}`;
  });
  return { subject: subjectOf(request), body: `${lines.join("\n")}\n` };
}
