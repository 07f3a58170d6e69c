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
}

/**
 * Options of {@linkcode clientCredentials}. Give the token endpoint either
 * directly (`tokenEndpoint`) or as the discovery document from
 * `@cadasto/discovery` (`discovery`), which also picks the client
 * authentication method the server advertises.
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
export interface ClientCredentialsOptions {
  /** The token endpoint URL (https; http only on loopback hosts). */
  tokenEndpoint?: string | undefined;
  /**
   * A discovery document, e.g. the `SmartConfiguration` that `discover()` of
   * `@cadasto/discovery` returns; its `token_endpoint_auth_methods_supported` picks the auth method.
   */
  discovery?: TokenEndpointDiscovery | undefined;
  /** The client id Cadasto issued. */
  clientId: string;
  /** The client secret. Kept in a private field; never in errors, logs or JSON. */
  clientSecret: string;
  /** The API the token is for: Cadasto requires the openEHR API base URL. */
  audience: string;
  /** Scopes to request, as an array or a space-separated string; omitted: the client's default scopes. */
  scope?: readonly string[] | string | undefined;
  /**
   * `client_secret_basic` (default; id and secret form-urlencoded before base64, RFC 6749 §2.3.1)
   * or `client_secret_post`. With `discovery`, the default is the first of those the server advertises,
   * and a method it does not advertise is refused at once.
   */
  authMethod?: "client_secret_basic" | "client_secret_post" | undefined;
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
