import type { CredentialsRequest } from "./credentials_request.ts";
import { parseCredentialsRequest } from "./parse_credentials_request.ts";
import { subjectOf, summarise } from "./_summary.ts";

/** Backslash-escapes the characters that could start Markdown inline syntax. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, "\\$&");
}

/** Escapes a line that would otherwise start a heading, list, quote or rule. */
function escapeLineStart(line: string): string {
  return /^\s*(?:[#>+=-]|\d+[.)])/.test(line) ? line.replace(/^(\s*)/, "$1\\") : line;
}

/** A code span that survives backticks inside `text`. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Renders a request as Markdown, for a support ticket, a pull request or a
 * wiki page: a heading with the email's subject, then one bullet per field.
 * User text is escaped so it cannot change the layout; URIs and scopes are
 * code spans.
 *
 * @param input A request from {@linkcode parseCredentialsRequest}.
 * @returns Markdown text ending with "\n".
 * @throws {CredentialsRequestError} `invalid_request` when `request` is not a valid request: it is checked again, as it may not come from {@linkcode parseCredentialsRequest}.
 *
 * @example Paste a request into a ticket
 * ```ts
 * import { parseCredentialsRequest, toMarkdown } from "@cadasto/credentials-request";
 * const { request } = parseCredentialsRequest({
 *   applicationName: "Acme Portal",
 *   environments: ["development"],
 *   redirectUris: ["https://portal.acme.example/callback"],
 *   allowedOrigins: ["https://portal.acme.example"],
 *   scopes: "api.read",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Clinicians browse templates.",
 * });
 * console.log(toMarkdown(request)); // "## Request: Cadasto API client credentials for Acme Portal\n\n- **Application name:** …"
 * ```
 */
export function toMarkdown(input: CredentialsRequest): string {
  const { request } = parseCredentialsRequest(input);
  const bullets = summarise(request).map((line) => {
    const value =
      "text" in line
        ? line.text
            .split("\n")
            .map((part, index) => (index === 0 ? escapeInline(part) : `  ${escapeLineStart(escapeInline(part))}`))
            .join("\n")
        : line.tokens.length > 0
          ? line.tokens.map(codeSpan).join(" ")
          : escapeInline(line.none);
    return `- **${line.label}:** ${value}`;
  });
  return `## ${escapeInline(subjectOf(request))}\n\n${bullets.join("\n")}\n`;
}
