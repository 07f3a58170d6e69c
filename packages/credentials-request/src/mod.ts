/**
 * Validates and renders the request a team sends to Cadasto for API client
 * credentials: check the fields (each problem named with its field path and
 * how to fix it), then render the email Cadasto's request template asks for,
 * a `mailto:` link, Markdown, JSON, or RFC 7591 client metadata. Web-standard
 * APIs only: runs in browsers, Node, Deno, Bun. The `cadasto-credentials-request`
 * command asks for the fields in a terminal.
 *
 * @example Request credentials for a backend service
 * ```ts
 * import { parseCredentialsRequest, renderEmail, toMailtoUrl } from "@cadasto/credentials-request";
 * const { request, warnings } = parseCredentialsRequest({
 *   applicationName: "Acme Lab Sync",
 *   environments: ["acceptation", "production"],
 *   scopes: "api.read api.write",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example", team: "#lab-integrations" },
 *   description: "Uploads lab templates from CI on every merge.",
 * });
 * for (const warning of warnings) console.warn(warning.message);
 * const { subject, body } = renderEmail(request);
 * console.log(`${subject}\n\n${body}`);
 * console.log(toMailtoUrl(request, "support@cadasto.example"));
 * ```
 *
 * @module
 */

export {
  type CredentialsRequest,
  type CredentialsRequestInput,
  CredentialsRequestSchema,
  type Environment,
  type Flow,
} from "./credentials_request.ts";
export {
  CredentialsRequestError,
  type CredentialsRequestErrorCode,
  type CredentialsRequestIssueCode,
  type CredentialsRequestIssue,
  isCredentialsRequestError,
} from "./errors.ts";
export {
  type CredentialsRequestResult,
  type ParsedCredentialsRequest,
  parseCredentialsRequest,
  safeParseCredentialsRequest,
} from "./parse_credentials_request.ts";
export { type RenderedEmail, renderEmail } from "./render_email.ts";
export { type ClientMetadata, type ClientMetadataOptions, toClientMetadata } from "./to_client_metadata.ts";
export { type CredentialsRequestJson, toJSON } from "./to_json.ts";
export { toMailtoUrl } from "./to_mailto_url.ts";
export { toMarkdown } from "./to_markdown.ts";
