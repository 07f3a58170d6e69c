// Internal: the fields of a request in the order of Cadasto's request
// template, shared by the plain-text email and the Markdown rendering.
import type { CredentialsRequest, Flow } from "./credentials_request.ts";

/** One line of the request: a label and either text or a list of tokens (URIs, scopes). */
export type SummaryLine =
  | { readonly label: string; readonly text: string }
  | { readonly label: string; readonly tokens: readonly string[]; readonly none: string };

const FLOW_LABELS: Readonly<Record<Flow, string>> = {
  "client-credentials": "client credentials (machine-to-machine, no user sign-in)",
  "authorization-code-pkce": "authorization code with PKCE (users sign in)",
};

/** The subject line of the request. */
export function subjectOf(request: CredentialsRequest): string {
  return `Request: Cadasto API client credentials for ${request.applicationName}`;
}

/** The request's lines, in the order of Cadasto's template. */
export function summarise(request: CredentialsRequest): SummaryLine[] {
  const machine = request.flow === "client-credentials";
  const lines: SummaryLine[] = [
    { label: "Application name", text: request.applicationName },
    { label: "Environment", text: request.environments.join(", ") },
    { label: "Flow", text: FLOW_LABELS[request.flow] },
    {
      label: "Redirect URIs",
      tokens: request.redirectUris,
      none: machine ? "none (client credentials use no redirect)" : "none",
    },
    {
      label: "Allowed origins (CORS)",
      tokens: request.allowedOrigins,
      none: machine ? "none (not used in a browser)" : "none",
    },
    { label: "Requested scopes", tokens: request.scopes, none: "none" },
    { label: "Contact", text: `${request.contact.name} <${request.contact.email}>` },
  ];
  if (request.contact.team !== undefined) lines.push({ label: "Team", text: request.contact.team });
  lines.push({ label: "Description", text: request.description });
  return lines;
}
