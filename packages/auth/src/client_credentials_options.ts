import type { SecretProvider } from "./secret_provider.ts";
import type { KeyProvider, PrivateKeyInput, SigningAlgorithm } from "./signing_key.ts";
import type { TokenPolicyOptions } from "./events.ts";
import type { TokenStore } from "./token_store.ts";

/**
 * The part of a discovery document {@linkcode clientCredentials} reads: any
 * object with these fields fits, such as the `SmartConfiguration` from
 * `discover()` of `@cadasto/discovery`.
 *
 * @example Pass a discovered configuration
 * ```ts
 * import type { TokenEndpointDiscovery } from "@cadasto/auth";
 * const discovery: TokenEndpointDiscovery = {
 *   token_endpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   token_endpoint_auth_methods_supported: ["client_secret_basic"],
 * };
 * console.log(discovery.token_endpoint);
 * ```
 */
export interface TokenEndpointDiscovery {
  /** The token endpoint URL. */
  token_endpoint: string;
  /** The client authentication methods the server accepts, e.g. `["client_secret_basic"]`. */
  token_endpoint_auth_methods_supported?: readonly string[] | undefined;
  /** The assertion algorithms the server accepts for `private_key_jwt`, e.g. `["RS384", "ES384"]`. */
  token_endpoint_auth_signing_alg_values_supported?: readonly string[] | undefined;
}

/**
 * Options of {@linkcode clientCredentials}. Give the token endpoint either
 * directly (`tokenEndpoint`) or as the discovery document from
 * `@cadasto/discovery` (`discovery`), which also picks the client
 * authentication method the server advertises. Give the client's credential
 * as `clientSecret` (a string, or a function that reads it) or as
 * `privateKey` (`private_key_jwt`, SMART Backend Services), not both.
 *
 * @example Options for a Cadasto production tenant
 * ```ts
 * import type { ClientCredentialsOptions } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const options: ClientCredentialsOptions = {
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   scope: ["api.read", "api.write"],
 *   retry: { attempts: 3, deadline: 10_000, timeout: 3_000 },
 * };
 * ```
 */
export interface ClientCredentialsOptions extends TokenPolicyOptions {
  /** The token endpoint URL (https; http only on loopback hosts). */
  tokenEndpoint?: string | undefined;
  /**
   * A discovery document, e.g. the `SmartConfiguration` that `discover()` of
   * `@cadasto/discovery` returns; its `token_endpoint_auth_methods_supported` picks the auth method.
   */
  discovery?: TokenEndpointDiscovery | undefined;
  /** The client id Cadasto issued. */
  clientId: string;
  /**
   * The client secret, or a function returning it (or a promise of it) that is called for each token
   * request and once more after an `invalid_client` answer, so a rotated secret is picked up without a
   * restart. Never cached beyond the request, never in errors, logs or JSON.
   */
  clientSecret?: string | SecretProvider | undefined;
  /**
   * The private key for `private_key_jwt` (RFC 7523, SMART Backend Services) instead of a secret: a
   * `CryptoKey`, a PKCS#8 PEM or a private JWK, or a function returning one (a {@linkcode KeyProvider}, read
   * like a secret provider). The assertion's `aud` is the token endpoint, it expires after 60 s and has a
   * unique `jti`. Chosen automatically; refused at construction when discovery does not advertise it.
   */
  privateKey?: PrivateKeyInput | KeyProvider | undefined;
  /** The `kid` the server knows the key by; default the JWK's `kid`, else the key's RFC 7638 thumbprint. */
  keyId?: string | undefined;
  /** The assertion algorithm (`RS384` or `ES384` for SMART); default from the key. */
  algorithm?: SigningAlgorithm | undefined;
  /** The API the token is for: Cadasto requires the openEHR API base URL. */
  audience: string;
  /** Scopes to request, as an array or a space-separated string; omitted: the client's default scopes. */
  scope?: readonly string[] | string | undefined;
  /**
   * `client_secret_basic` (default with a secret; id and secret form-urlencoded before base64, RFC 6749
   * §2.3.1), `client_secret_post`, or `private_key_jwt` (the only one, and the default, with `privateKey`).
   * With `discovery`, the default is the first of those the server advertises, and a method it does not
   * advertise is refused at once.
   */
  authMethod?: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | undefined;
  /** The fetch used for token requests (proxies, tests). Default: the global `fetch`. Same name in every package of the SDK. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * The old name of {@linkcode ClientCredentialsOptions.fetch}.
   *
   * @deprecated Use `fetch`; `customFetch` is removed in the next minor release.
   */
  customFetch?: typeof globalThis.fetch | undefined;
  /**
   * How long before expiry renewal starts, in ms. Default: the larger of 60 s and 10% of the
   * token's lifetime (6 minutes of an hour). Never more than half the lifetime.
   */
  refreshMargin?: number | undefined;
  /**
   * Retries of network errors, 5xx and 429 (never of OAuth 4xx errors): `attempts` in all
   * (default 4), overall `deadline` in ms (default 30 000), per-attempt `timeout` in ms (default 10 000).
   */
  retry?:
    | {
        /** Attempts in all, including the first (default 4). */
        attempts?: number | undefined;
        /** Give up when the next attempt would start after this many ms from the first (default 30 000). */
        deadline?: number | undefined;
        /** Abort one attempt after this many ms (default 10 000). */
        timeout?: number | undefined;
      }
    | undefined;
  /** The clock for expiry and renewal, epoch ms (tests). Default `Date.now`. Retry waits use real time. */
  now?: (() => number) | undefined;
  /** Where tokens are kept; share one to share tokens between instances. Default: in memory, per source. */
  store?: TokenStore | undefined;
  /** Allow running in a browser, where the secret is visible to anyone. Only for local tools. */
  dangerouslyAllowBrowser?: boolean | undefined;
}
