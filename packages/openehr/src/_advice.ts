// Internal: what an error message of the openEHR client tells the user to do
// about each status (the REST core builds the message and the typed error).

/**
 * Advice by status and method, for the REST core's `advice` option;
 * `undefined` (5xx and unexpected statuses) leaves the REST core's default.
 */
export function openEhrAdvice(status: number, method: string): string | undefined {
  const write = method !== "GET";
  switch (status) {
    case 400:
      return "The server refused the request as invalid: fix the composition, EHR_STATUS or AQL as the details say (for AQL, the message names the part it cannot run).";
    case 401:
      return "The API wants a valid access token: pass auth (clientCredentials() of @cadasto/auth, with CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET) to createOpenEhrClient, with the API base URL as the token's audience.";
    case 403:
      return write
        ? "The token is valid but may not write clinical data: request the api.write scope (CADASTO_SCOPE) for this client."
        : "The token is valid but may not read clinical data: request the api.read scope (CADASTO_SCOPE) for this client.";
    case 404:
      return "Not found: check the EHR id, composition uid or query name (and that the base URL ends with /openehr/v1).";
    case 406:
      return 'The server cannot answer in the requested format: use format "canonical", or check that it serves FLAT / STRUCTURED for this template.';
    case 409:
      return "It exists already: an EHR for this subject or with this id is there; find it with ehrs.findBySubject() or ehrs.get().";
    case 412:
      return "The version in ifMatch is not the latest one (someone committed a newer version, its uid is in the error's etag when the server sent it): read it again with compositions.get() and retry with its uid.";
    case 415:
      return "The server does not accept this media type: check options.format (canonical, flat or structured).";
    case 422:
      return "The server could not process the content: when the message names a template or template version, upload that OPT (or pin a version that exists, see templates.versions()); otherwise fix the composition as the details say.";
    default:
      return undefined;
  }
}
