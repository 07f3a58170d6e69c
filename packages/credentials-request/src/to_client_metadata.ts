import { isLocalhostName, tryParseUrl } from "@cadasto/core";
import type { CredentialsRequest } from "./credentials_request.ts";
import { isRedirectLoopbackLiteral } from "./_rules.ts";

/**
 * RFC 7591 §2 client metadata for a request, for servers that offer dynamic
 * client registration.
 *
 * @example Read the grant types
 * ```ts
 * import type { ClientMetadata } from "@cadasto/credentials-request";
 * declare const metadata: ClientMetadata;
 * console.log(metadata.grant_types.includes("client_credentials"));
 * ```
 */
export interface ClientMetadata {
  /** The application name. */
  readonly client_name: string;
  /** The redirect URIs; empty for a machine-to-machine client. */
  readonly redirect_uris: readonly string[];
  /** `["client_credentials"]` or `["authorization_code"]`. */
  readonly grant_types: readonly ("client_credentials" | "authorization_code")[];
  /** `[]` for client credentials (no authorization endpoint), `["code"]` for the authorization code flow. */
  readonly response_types: readonly "code"[];
  /** `client_secret_basic` for a client that can keep a secret, `none` for a public client (browser or native app). */
  readonly token_endpoint_auth_method: "client_secret_basic" | "none";
  /** The scopes, space-separated (RFC 6749 §3.3). */
  readonly scope: string;
  /** The contact's email address. */
  readonly contacts: readonly string[];
}

/** A browser app (it has CORS origins) or a native app (only loopback redirects, RFC 8252 §8.4) cannot keep a secret. */
function isPublicClient(request: CredentialsRequest): boolean {
  if (request.allowedOrigins.length > 0) return true;
  return request.redirectUris.every((uri) => {
    const url = tryParseUrl(uri);
    return url !== undefined && (isRedirectLoopbackLiteral(url) || isLocalhostName(url.hostname));
  });
}

/**
 * Turns a request into RFC 7591 client metadata, so the same request can feed
 * dynamic client registration where a server offers it.
 *
 * The token endpoint authentication method is `client_secret_basic` for a
 * client-credentials client (the method Cadasto prefers) and for a
 * server-side web app using the authorization code flow with PKCE (https
 * redirect URIs, no CORS origins: its server can keep a secret). It is `none`
 * for public clients, which cannot keep a secret and rely on PKCE alone: a
 * browser app (it has allowed origins) and a native app (all its redirect
 * URIs are on the loopback interface, RFC 8252 §8.4). Allowed origins and the
 * description have no RFC 7591 field and are left out.
 *
 * @param request A request from {@linkcode parseCredentialsRequest}.
 * @returns The client metadata, ready for `JSON.stringify`.
 *
 * @example Register a browser app dynamically
 * ```ts
 * import { parseCredentialsRequest, toClientMetadata } from "@cadasto/credentials-request";
 * const { request } = parseCredentialsRequest({
 *   applicationName: "Acme Portal",
 *   environments: ["development"],
 *   redirectUris: ["https://portal.acme.example/callback"],
 *   allowedOrigins: ["https://portal.acme.example"],
 *   scopes: "api.read",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Clinicians browse templates.",
 * });
 * const metadata = toClientMetadata(request);
 * console.log(metadata.token_endpoint_auth_method); // "none"
 * ```
 */
export function toClientMetadata(request: CredentialsRequest): ClientMetadata {
  const machine = request.flow === "client-credentials";
  return {
    client_name: request.applicationName,
    redirect_uris: [...request.redirectUris],
    grant_types: machine ? ["client_credentials"] : ["authorization_code"],
    response_types: machine ? [] : ["code"],
    token_endpoint_auth_method: machine || !isPublicClient(request) ? "client_secret_basic" : "none",
    scope: request.scopes.join(" "),
    contacts: [request.contact.email],
  };
}
