import type { CredentialsRequest, Environment, Flow } from "./credentials_request.ts";
import { parseCredentialsRequest } from "./parse_credentials_request.ts";

/**
 * A request as plain JSON data: the input field names, every field present
 * (lists possibly empty, `contact.team` only when given). Parsing it again
 * with {@linkcode parseCredentialsRequest} gives the same request.
 *
 * @example Save a request to a file's contents
 * ```ts
 * import type { CredentialsRequestJson } from "@cadasto/credentials-request";
 * declare const json: CredentialsRequestJson;
 * const text = `${JSON.stringify(json, null, 2)}\n`;
 * console.log(text);
 * ```
 */
export interface CredentialsRequestJson {
  /** The application name. */
  applicationName: string;
  /** The environments, in the order development, acceptation, production. */
  environments: Environment[];
  /** The flow, always present. */
  flow: Flow;
  /** The redirect URIs (possibly empty). */
  redirectUris: string[];
  /** The allowed origins (possibly empty). */
  allowedOrigins: string[];
  /** The scopes. */
  scopes: string[];
  /** The technical owner; `team` only when given. */
  contact: {
    /** The technical owner's name. */
    name: string;
    /** Their email address. */
    email: string;
    /** A team alias, e.g. a chat channel. */
    team?: string;
  };
  /** The description. */
  description: string;
}

/**
 * Turns a request into plain JSON data (fresh arrays and objects, safe to
 * change), in the same shape the parser reads, so a saved request can be
 * edited and parsed again.
 *
 * @param input A request from {@linkcode parseCredentialsRequest}.
 * @returns A plain object for `JSON.stringify`.
 * @throws {CredentialsRequestError} `invalid_request` when `request` is not a valid request: it is checked again, as it may not come from {@linkcode parseCredentialsRequest}.
 *
 * @example Round-trip through JSON
 * ```ts
 * import { parseCredentialsRequest, toJSON } from "@cadasto/credentials-request";
 * const { request } = parseCredentialsRequest({
 *   applicationName: "Acme Lab Sync",
 *   environments: "staging production",
 *   scopes: "api.read",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Reads templates nightly.",
 * });
 * const text = JSON.stringify(toJSON(request));
 * console.log(parseCredentialsRequest(JSON.parse(text)).request.environments); // ["acceptation", "production"]
 * ```
 */
export function toJSON(input: CredentialsRequest): CredentialsRequestJson {
  const { request } = parseCredentialsRequest(input);
  const { name, email, team } = request.contact;
  return {
    applicationName: request.applicationName,
    environments: [...request.environments],
    flow: request.flow,
    redirectUris: [...request.redirectUris],
    allowedOrigins: [...request.allowedOrigins],
    scopes: [...request.scopes],
    contact: team === undefined ? { name, email } : { name, email, team },
    description: request.description,
  };
}
