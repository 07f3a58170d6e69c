import type { CredentialsRequest } from "./credentials_request.ts";
import { CredentialsRequestError, type CredentialsRequestIssue } from "./errors.ts";
import { isEmailAddress, quote } from "./_rules.ts";
import { renderEmail } from "./render_email.ts";

/** RFC 6068 §2: the address is percent-encoded around its "@". */
function encodeAddress(address: string): string {
  const at = address.lastIndexOf("@");
  return `${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
}

/**
 * Builds a `mailto:` link (RFC 6068) that opens the request's email in the
 * user's mail program: subject and body percent-encoded as UTF-8, spaces as
 * `%20`, line breaks as CRLF (`%0D%0A`) as RFC 6068 §5 requires.
 *
 * @param request A request from {@linkcode parseCredentialsRequest}.
 * @param to The recipient address (or several), e.g. the address Cadasto gave you for requests.
 * @returns The `mailto:` URL.
 * @throws {CredentialsRequestError} `code` `invalid_recipient` when an address is not an email address, `invalid_request` when `request` is not a valid request (it is checked again).
 *
 * @example Link to the email from a web page
 * ```ts
 * import { parseCredentialsRequest, toMailtoUrl } from "@cadasto/credentials-request";
 * const { request } = parseCredentialsRequest({
 *   applicationName: "Acme Lab Sync",
 *   environments: ["production"],
 *   scopes: "api.read",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Reads templates nightly.",
 * });
 * const href = toMailtoUrl(request, "support@cadasto.example");
 * console.log(href); // mailto:support@cadasto.example?subject=Request%3A%20Cadasto%20API…
 * ```
 */
export function toMailtoUrl(request: CredentialsRequest, to: string | readonly string[]): string {
  const recipients = typeof to === "string" ? [to] : [...to];
  const issues: CredentialsRequestIssue[] = [];
  recipients.forEach((address, index) => {
    if (!isEmailAddress(address)) {
      const path = typeof to === "string" ? ["to"] : ["to", index];
      issues.push({
        path,
        dotPath: path.join("."),
        code: "invalid_recipient",
        message: `${quote(address)} is not an email address: give the recipient as name@example.com.`,
      });
    }
  });
  if (recipients.length === 0) {
    issues.push({
      path: ["to"],
      dotPath: "to",
      code: "invalid_recipient",
      message: "No recipient given: pass the address to send the request to.",
    });
  }
  if (issues.length > 0) throw new CredentialsRequestError("invalid_recipient", issues);
  const { subject, body } = renderEmail(request);
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replaceAll("\n", "\r\n"))}`;
  return `mailto:${recipients.map(encodeAddress).join(",")}?${query}`;
}
