import { isLocalhostName, privateJwkMember, tryParseUrl } from "@cadasto/core";
import type { CredentialsRequest } from "./credentials_request.ts";
import { CredentialsRequestError, type CredentialsRequestIssue, type CredentialsRequestIssueCode } from "./errors.ts";
import { parseCredentialsRequest } from "./parse_credentials_request.ts";
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
  /**
   * `client_secret_basic` for a client that can keep a secret, `private_key_jwt` when a public
   * JWKS is attached, `none` for a public client (browser or native app).
   */
  readonly token_endpoint_auth_method: "client_secret_basic" | "private_key_jwt" | "none";
  /** The public keys for `private_key_jwt` (RFC 7591 §2 `jwks`), when given. */
  readonly jwks?: { readonly keys: readonly Readonly<Record<string, unknown>>[] };
  /** The scopes, space-separated (RFC 6749 §3.3). */
  readonly scope: string;
  /** The contact's email address. */
  readonly contacts: readonly string[];
}

/**
 * Options of {@linkcode toClientMetadata}.
 *
 * @example Attach the public key made by cadasto-keygen
 * ```ts
 * import type { ClientMetadataOptions } from "@cadasto/credentials-request";
 * declare const jwks: { keys: object[] };
 * const options: ClientMetadataOptions = { jwks };
 * console.log(options.jwks !== undefined);
 * ```
 */
export interface ClientMetadataOptions {
  /**
   * The public key(s) the client signs `private_key_jwt` assertions with: a JWKS (`{ keys: [...] }`)
   * or one JWK, each `RSA` or `EC` with a `kid`. Private members (`d`, …) are refused.
   */
  readonly jwks?: unknown;
}

const MAX_KEYS = 10;

/** The keys of a JWKS or a single JWK, checked: public RSA/EC keys with a kid; issues otherwise. */
function publicKeys(jwks: unknown): { keys: Record<string, unknown>[]; issues: CredentialsRequestIssue[] } {
  const issue = (path: (string | number)[], code: CredentialsRequestIssueCode, message: string): CredentialsRequestIssue => ({
    path: ["jwks", ...path],
    dotPath: ["jwks", ...path].join("."),
    code,
    message,
  });
  const list =
    typeof jwks === "object" && jwks !== null && Array.isArray((jwks as { keys?: unknown }).keys)
      ? (jwks as { keys: unknown[] }).keys
      : [jwks];
  if (list.length === 0 || list.length > MAX_KEYS) {
    return {
      keys: [],
      issues: [issue(["keys"], "invalid_jwks", `must hold 1 to ${MAX_KEYS} keys (the current one, and the next during a rotation).`)],
    };
  }
  const issues: CredentialsRequestIssue[] = [];
  list.forEach((key, index) => {
    const at = ["keys", index];
    const jwk = key as Record<string, unknown>;
    if (typeof key !== "object" || key === null || (jwk.kty !== "RSA" && jwk.kty !== "EC")) {
      issues.push(issue(at, "invalid_jwks", 'must be a JWK with kty "RSA" or "EC" (the public key from cadasto-keygen).'));
      return;
    }
    const secret = privateJwkMember(jwk);
    if (secret !== undefined) {
      issues.push(
        issue(
          at,
          "private_key_in_jwks",
          `holds the private member "${secret}": send only the public key, and keep the private key secret.`,
        ),
      );
    }
    if (typeof jwk.kid !== "string" || jwk.kid === "")
      issues.push(issue(at, "missing_kid", "needs a kid: the key id the client sends in its assertions."));
  });
  return { keys: list as Record<string, unknown>[], issues };
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
 * description have no RFC 7591 field and are left out. With `options.jwks`
 * (the public key from `cadasto-keygen` or `generateSigningKey()` in
 * `@cadasto/auth`) the method is `private_key_jwt` and the keys go in `jwks`.
 *
 * @param input A request from {@linkcode parseCredentialsRequest}.
 * @param options `jwks`: the public key(s) for `private_key_jwt`.
 * @returns The client metadata, ready for `JSON.stringify`.
 * @throws {CredentialsRequestError} `invalid_request` when `input` is not a valid request (it is
 *   checked again, as it may not come from {@linkcode parseCredentialsRequest}), when `jwks` is
 *   not a public JWKS (`invalid_jwks`, `private_key_in_jwks`, `missing_kid`) or belongs to a
 *   public client (`jwks_for_public_client`).
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
export function toClientMetadata(input: CredentialsRequest, options: ClientMetadataOptions = {}): ClientMetadata {
  const { request } = parseCredentialsRequest(input);
  const machine = request.flow === "client-credentials";
  const confidential = machine || !isPublicClient(request);
  let jwks: { keys: Record<string, unknown>[] } | undefined;
  if (options.jwks !== undefined) {
    const { keys, issues } = publicKeys(options.jwks);
    if (!confidential) {
      issues.push({
        path: ["jwks"],
        dotPath: "jwks",
        code: "jwks_for_public_client",
        message: "a public client (browser or native app) cannot keep a private key: leave out jwks.",
      });
    }
    if (issues.length > 0) throw new CredentialsRequestError("invalid_request", issues);
    jwks = { keys: keys.map((key) => ({ ...key })) };
  }
  return {
    client_name: request.applicationName,
    redirect_uris: [...request.redirectUris],
    grant_types: machine ? ["client_credentials"] : ["authorization_code"],
    response_types: machine ? [] : ["code"],
    token_endpoint_auth_method: jwks !== undefined ? "private_key_jwt" : confidential ? "client_secret_basic" : "none",
    ...(jwks === undefined ? {} : { jwks }),
    scope: request.scopes.join(" "),
    contacts: [request.contact.email],
  };
}
