// Internal: what an error message of the templates client tells the user to do about each status.

/** By status: one text, or [for an upload (POST), for a read]. */
const ADVICE: Readonly<Record<number, string | readonly [string, string]>> = {
  400: [
    "The server refused the template as invalid: fix the OPT as the details say (validate it in your modelling tool) and upload again.",
    "The server refused the request as invalid: check the template id and filter values.",
  ],
  // With `auth` the REST core replays once with a new token: a 401 gets here
  // without a token, or when the API refuses a freshly requested one too.
  401: "The API wants a valid access token: pass auth (clientCredentials() of @cadasto/auth, with CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET) to createTemplatesClient, with the API base URL as the token's audience.",
  403: [
    "The token is valid but may not upload templates: request the api.write scope (CADASTO_SCOPE) for this client.",
    "The token is valid but may not read templates: request the api.read scope (CADASTO_SCOPE) for this client.",
  ],
  404: "No such template (or API path): check the id with list() and that the base URL ends with /openehr/v1.",
  406: 'The server cannot return the template in the requested format: use format "opt", or a server that serves web templates.',
  409: "A template with this template_id already exists and this server does not keep versions: use ensure() to skip unchanged uploads, or give the changed template a new template_id.",
  415: "The server does not accept this content type for templates: it expects application/xml (an ADL 1.4 OPT); check the base URL points at an openEHR Definition API.",
  422: "The server could not process the template: fix the OPT as the details say and upload again.",
};

/** The advice for the REST core's `advice` option; for a 5xx the REST core's own (`undefined`). */
export function templatesAdvice(status: number, method: string): string | undefined {
  const advice =
    ADVICE[status] ??
    (status >= 500 ? undefined : "The server answered with an unexpected status: check the base URL points at an openEHR Definition API.");
  return typeof advice === "object" ? advice[method === "POST" ? 0 : 1] : advice;
}
