import { inspectAs, REDACTED, type Secret, SingleFlight } from "@cadasto/core";
import { type AccessToken, BearerToken } from "./access_token.ts";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import { resolveOptions, type ResolvedOptions } from "./_options.ts";
import { ServerClock } from "./_clock.ts";
import { describe, type Emit, emitter } from "./_events.ts";
import { jitteredRenewAt } from "./_refresh_policy.ts";
import { loadStorePath, type RenewalContext, type Renewed, renew } from "./_renewal.ts";
import { retrying, sleep } from "./_retry.ts";
import { withTimeLimit } from "./_time_limit.ts";
import { requestToken } from "./_token_request.ts";
import { withCredential } from "./_client_auth.ts";
import type { GetTokenOptions, TokenSource } from "./token_source.ts";
import type { TokenStore } from "./token_store.ts";
import type { TokenKeyInfo } from "./events.ts";

interface Current {
  token: BearerToken;
  renewAt: number;
  from: "store" | "network";
}

class ClientCredentialsSource implements TokenSource {
  readonly #options: ResolvedOptions;
  readonly #flight = new SingleFlight<Current>();
  readonly #clock = new ServerClock();
  /** What identifies this source's tokens (events' `key`, and `toJSON` with the credential redacted). */
  readonly #info: TokenKeyInfo;
  readonly #emit: Emit;
  readonly #renewal: RenewalContext;
  #current: Current | undefined;
  #rejected: string | undefined;
  /** The credential last read (none for a key), to scrub from events and errors. */
  #presented: readonly Secret[] = [];

  constructor(options: ResolvedOptions, store: TokenStore | undefined) {
    this.#options = options;
    const { url, clientId, authMethod, audience, scope } = options.request;
    const info = Object.freeze({ tokenEndpoint: url, clientId, authMethod, audience, scope: Object.freeze([...scope]) });
    this.#info = info;
    this.#emit = emitter(options.onEvent, info, options.now);
    this.#renewal = {
      ...options,
      url,
      store,
      clock: this.#clock,
      emit: this.#emit,
      waitLimit: options.retry.deadline,
      warned: { lifetime: false },
      rejected: () => this.#rejected,
      describe: (error) => describe(error, this.#secrets()),
      wait: sleep,
      request: (signal, sent) =>
        withCredential(options.credential, (presented) => {
          this.#presented = presented.secrets;
          return retrying(
            (attemptSignal) => {
              sent(options.now());
              return requestToken(options.request, presented, attemptSignal);
            },
            options.retry,
            signal,
            url,
          );
        }),
      background: () => this.#current !== undefined && options.now() < this.#current.token.expiresAt,
    };
  }

  getToken(options: GetTokenOptions = {}): Promise<AccessToken> {
    const { signal, timeout } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const current = this.#current;
    const now = this.#options.now();
    if (current !== undefined && now < current.token.expiresAt) {
      if (now >= current.renewAt) this.#flight.join(this.#renew).catch(() => undefined);
      this.#emit?.({ type: "token.served", from: "cache", durationMs: 0 });
      return Promise.resolve(current.token);
    }
    const wait = withTimeLimit(signal, timeout, this.#options.request.url, (limited) => this.#flight.join(this.#renew, limited));
    return wait.then((c) => {
      this.#emit?.({ type: "token.served", from: c.from, durationMs: this.#options.now() - now });
      return c.token;
    });
  }

  invalidate(token?: AccessToken | string): void {
    const value = typeof token === "string" ? token : (token?.value ?? this.#current?.token.value);
    if (value === undefined) return;
    this.#rejected = value;
    if (this.#current?.token.value === value) this.#current = undefined;
    const ctx = this.#renewal;
    const { store, key } = ctx;
    if (store?.delete === undefined) return;
    void loadStorePath(ctx, "delete").then((path) =>
      path?.storeCall("delete", () => (store.delete as NonNullable<TokenStore["delete"]>).call(store, key, value), { ...ctx, store }),
    );
  }

  #secrets = (): readonly (Secret | undefined)[] => [...this.#presented, this.#current?.token.value, this.#rejected];

  #adopt(renewed: Renewed): Current {
    const { token: stored, from, recheckAt } = renewed;
    const clock = this.#clock;
    const expiresAt = clock.toLocal(stored.expiresAt);
    const previous = this.#current?.token;
    const token =
      previous?.value === stored.value && previous.expiresAt === expiresAt
        ? previous
        : new BearerToken(stored.value, expiresAt, stored.scope, stored.tokenType);
    const current = { token, from, renewAt: recheckAt ?? clock.toLocal(jitteredRenewAt(stored.renewAt, stored.expiresAt)) };
    this.#current = current;
    return current;
  }

  #renew = async (signal: AbortSignal): Promise<Current> => this.#adopt(await renew(this.#renewal, signal));

  toJSON(): Record<string, unknown> {
    const { tokenEndpoint, clientId, ...rest } = this.#info;
    return { tokenEndpoint, clientId, [this.#options.credential.field]: REDACTED, ...rest };
  }
}

inspectAs(ClientCredentialsSource, (source) => `TokenSource ${JSON.stringify(source.toJSON())}`);

/**
 * Turns a client id and secret into bearer tokens (OAuth 2.0 client
 * credentials grant, through oauth4webapi). Options are checked at once,
 * before any request. Tokens are cached and reused until a refresh margin
 * before expiry (default: the larger of 60 s and 10% of their lifetime,
 * counted from when the request was sent); each source starts its renewal at a
 * random point in the first half of that margin (so replicas do not renew in
 * the same second), in the background while the valid token keeps serving, and
 * only past expiry do callers wait. The lifetime is `expires_in` (a number of
 * seconds above 0 and at most a year, else an error), else the JWT's `exp`,
 * else `defaultLifetime` (with a `token.lifetime_assumed` event). The token
 * server's clock is measured from its `Date` header (or the JWT's `iat`), so a
 * host whose clock is off shares a store's tokens safely. With a store that
 * offers a lease (`@cadasto/auth-redis`), a fleet of processes makes one token
 * request per lifetime. Any number of concurrent `getToken()` calls share
 * one request; a failure reaches all of them and is not cached. Network
 * errors, 5xx and 429 are retried with exponential backoff and jitter,
 * honouring `Retry-After`, within `retry.deadline`.
 *
 * A `clientSecret` or `privateKey` given as a function is called for each token
 * request; after an `invalid_client` answer it is called once more, and when the
 * value changed (a rotated credential) the request is sent once more with it.
 *
 * @param options Endpoint, client, audience, scope and tuning.
 * @returns A {@linkcode TokenSource}.
 * @throws {AuthOptionsError} An option is missing or wrong (the message names it),
 *   an http endpoint on a host that is not loopback, an auth method or assertion
 *   algorithm the server does not advertise, both or neither of `clientSecret` and
 *   `privateKey`, or a browser without `dangerouslyAllowBrowser`.
 *
 * @example Tokens for the Cadasto API
 * ```ts
 * import { clientCredentials } from "@cadasto/auth";
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: process.env.CADASTO_CLIENT_ID ?? "",
 *   clientSecret: process.env.CADASTO_CLIENT_SECRET ?? "",
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   scope: ["api.read", "api.write"],
 * });
 * const token = await tokens.getToken();
 * console.log(token.scope, new Date(token.expiresAt));
 * ```
 */
export function clientCredentials(options: ClientCredentialsOptions): TokenSource {
  const resolved = resolveOptions(options);
  // Without a store the token lives in this source alone (no store calls, no lease).
  return new ClientCredentialsSource(resolved, options.store);
}
