/**
 * The non-secret parts of the request a token answers: what every
 * {@linkcode AuthEvent} names (never the secret, never a token).
 *
 * @example Tag a metric with the client and audience
 * ```ts
 * import type { TokenKeyInfo } from "@cadasto/auth";
 * declare const key: TokenKeyInfo;
 * console.log({ client: key.clientId, audience: key.audience, scope: key.scope.join(" ") });
 * ```
 */
export interface TokenKeyInfo {
  /** The token endpoint URL. */
  readonly tokenEndpoint: string;
  /** The client id. */
  readonly clientId: string;
  /** The client authentication method. */
  readonly authMethod: string;
  /** The audience requested. */
  readonly audience: string;
  /** The scopes requested, sorted. */
  readonly scope: readonly string[];
}

/**
 * The fields every {@linkcode AuthEvent} has: its `type`, the request's
 * `key` and the time `at`.
 *
 * @example Log the common fields of any event
 * ```ts
 * import type { AuthEvent, AuthEventBase } from "@cadasto/auth";
 * declare const event: AuthEvent;
 * const base: AuthEventBase<AuthEvent["type"]> = event;
 * console.log(base.type, base.key.clientId, new Date(base.at).toISOString());
 * ```
 */
export interface AuthEventBase<T extends string> {
  /** What happened. */
  readonly type: T;
  /** Which request (token endpoint, client id, auth method, audience, scopes). */
  readonly key: TokenKeyInfo;
  /** When, epoch ms by the source's clock (the `now` option). */
  readonly at: number;
}

/**
 * What a token source reports through the `onEvent` option of
 * {@linkcode clientCredentials}, for logs and metrics. No event carries a
 * token, a client secret or anything derived from them.
 *
 * - `token.requested`: a request to the token endpoint starts.
 * - `token.renewed`: it brought a token (`durationMs` including retries; `background`
 *   when callers kept being served the previous token meanwhile).
 * - `token.failed`: it failed for good (`code` of the error).
 * - `token.served`: one `getToken()` call resolved, `from` the local copy (`cache`),
 *   a token another instance put in the store (`store`) or a request it waited for
 *   (`network`), after `durationMs`.
 * - `token.lifetime_assumed`: the response had no `expires_in`; the lifetime came
 *   from the JWT's `exp` or is the `defaultLifetime` (a warning, sent once per source).
 * - `clock.skew`: the token server's clock differs from this host's by `offsetMs`
 *   (server minus local; 0 again when it came back within 2 s).
 * - `lease.acquired`: this instance took the store's lease and will renew for the fleet.
 * - `lease.waited`: another instance held the lease; `outcome` `token` (its token
 *   arrived), `lease` (its lease ran out and this instance took over) or `gave_up`
 *   (waited too long: renewed locally).
 * - `store.error`: a store call failed or took longer than `storeTimeout`
 *   (`operation`); the source went on without the store.
 *
 * @example Count token requests and log store trouble
 * ```ts
 * import { type AuthEvent, clientCredentials } from "@cadasto/auth";
 * declare const clientSecret: string;
 * let requests = 0;
 * const onEvent = (event: AuthEvent) => {
 *   if (event.type === "token.requested") requests++;
 *   if (event.type === "store.error") console.warn(`token store ${event.operation} failed: ${event.message}`);
 * };
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   onEvent,
 * });
 * await tokens.getToken();
 * console.log(requests);
 * ```
 */
export type AuthEvent =
  | AuthEventBase<"token.requested">
  | (AuthEventBase<"token.renewed"> & {
      readonly durationMs: number;
      readonly expiresAt: number;
      readonly background: boolean;
    })
  | (AuthEventBase<"token.failed"> & { readonly durationMs: number; readonly code: string; readonly message: string })
  | (AuthEventBase<"token.served"> & { readonly from: "cache" | "store" | "network"; readonly durationMs: number })
  | (AuthEventBase<"token.lifetime_assumed"> & { readonly lifetimeMs: number; readonly source: "jwt_exp" | "default" })
  | (AuthEventBase<"clock.skew"> & { readonly offsetMs: number })
  | (AuthEventBase<"lease.acquired"> & { readonly durationMs: number })
  | (AuthEventBase<"lease.waited"> & { readonly durationMs: number; readonly outcome: "token" | "lease" | "gave_up" })
  | (AuthEventBase<"store.error"> & {
      readonly operation: "get" | "set" | "delete" | "lease" | "release";
      readonly durationMs: number;
      readonly message: string;
    });

/**
 * The options of {@linkcode clientCredentials} for events, lifetimes and the
 * store's time limit (part of `ClientCredentialsOptions`).
 *
 * @example Warn on assumed lifetimes and give the store 300 ms
 * ```ts
 * import type { TokenPolicyOptions } from "@cadasto/auth";
 * const policy: TokenPolicyOptions = {
 *   defaultLifetime: 10 * 60_000,
 *   storeTimeout: 300,
 *   onEvent: (event) => {
 *     if (event.type === "token.lifetime_assumed") console.warn(`token lifetime assumed: ${event.lifetimeMs} ms`);
 *   },
 * };
 * console.log(policy);
 * ```
 */
export interface TokenPolicyOptions {
  /** Called synchronously with each {@linkcode AuthEvent}; what it throws is ignored. */
  onEvent?: ((event: AuthEvent) => void) | undefined;
  /**
   * The lifetime, in ms, of a token whose response has no `expires_in` and that is not a
   * JWT with `exp` (default 300 000: 5 minutes). At most a year.
   */
  defaultLifetime?: number | undefined;
  /**
   * How long one store call may take, in ms (default 1 000). A slower or failing store is
   * reported as `store.error` and bypassed: callers never see a store's error.
   */
  storeTimeout?: number | undefined;
}
