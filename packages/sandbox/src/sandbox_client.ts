/**
 * A public key a `private_key_jwt` client signs its assertions with, as a
 * JWK (RFC 7517): `kty` `RSA` (`n`, `e`) or `EC` (`crv`, `x`, `y`), with a `kid`.
 *
 * @example An ES384 public key
 * ```ts
 * import type { SandboxPublicJwk } from "@cadasto/sandbox";
 * declare const x: string;
 * declare const y: string;
 * const key: SandboxPublicJwk = { kty: "EC", crv: "P-384", x, y, kid: "2026-12", alg: "ES384" };
 * console.log(key.kid);
 * ```
 */
export interface SandboxPublicJwk {
  /** `RSA` or `EC` (checked when the sandbox starts). */
  kty?: string | undefined;
  /** The key id the client sends in its assertion's header. */
  kid?: string;
  /** The algorithm, e.g. `RS384` or `ES384`. */
  alg?: string;
  /** Other JWK members (`n`, `e`, `crv`, `x`, `y`, `use`, …); private members are refused. */
  [member: string]: unknown;
}

/**
 * A client the sandbox's token endpoint accepts (the `clients` option of
 * `startSandbox`). Ids and secrets are printable ASCII (RFC 6749 VSCHAR).
 * Give a `clientSecret` (client_secret_basic / client_secret_post) or a
 * public `jwks` (private_key_jwt, RFC 7523 / SMART Backend Services).
 *
 * @example A read-only client that must use client_secret_post, and one with a key
 * ```ts
 * import { startSandbox, type SandboxClient, type SandboxPublicJwk } from "@cadasto/sandbox";
 * declare const publicJwk: SandboxPublicJwk;
 * const reader: SandboxClient = {
 *   clientId: "reader",
 *   clientSecret: "reader-secret",
 *   scopes: ["api.read"],
 *   authMethod: "client_secret_post",
 * };
 * const backend: SandboxClient = { clientId: "backend", jwks: { keys: [publicJwk] } };
 * const sb = await startSandbox({ clients: [reader, backend] });
 * await sb.close();
 * ```
 */
export interface SandboxClient {
  /** The client id. */
  clientId: string;
  /** The client secret (never logged); leave it out for a `private_key_jwt` client. */
  clientSecret?: string;
  /** The public key(s) of a `private_key_jwt` client: a JWK or a JWKS (two keys let an old and a new key work during a rotation). */
  jwks?: { keys: SandboxPublicJwk[] } | SandboxPublicJwk;
  /** The scopes this client may get; default both `api.read` and `api.write`. */
  scopes?: string[];
  /** Restrict the client to one authentication method; default: either secret method, or `private_key_jwt` with `jwks`. */
  authMethod?: "client_secret_basic" | "client_secret_post" | "private_key_jwt";
}
