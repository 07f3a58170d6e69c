import { inspectAs } from "@cadasto/core";
import { type AccessToken, BearerToken } from "./access_token.ts";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import { resolveOptions, type ResolvedOptions } from "./_options.ts";
import { retrying } from "./_retry.ts";
import { SingleFlight } from "./_single_flight.ts";
import { tokenTimes } from "./_expiry.ts";
import { requestToken } from "./_token_request.ts";
import type { GetTokenOptions, TokenSource } from "./token_source.ts";
import { memoryTokenStore, type StoredToken, type TokenStore } from "./token_store.ts";

interface Current {
  token: BearerToken;
  renewAt: number;
}

class ClientCredentialsSource implements TokenSource {
  readonly #secret: string;
  readonly #options: ResolvedOptions;
  readonly #store: TokenStore;
  readonly #flight = new SingleFlight<Current>();
  #current: Current | undefined;
  #rejected: string | undefined;

  constructor(options: ResolvedOptions, secret: string, store: TokenStore) {
    this.#options = options;
    this.#secret = secret;
    this.#store = store;
  }

  getToken(options: GetTokenOptions = {}): Promise<AccessToken> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const current = this.#current;
    const now = this.#options.now();
    if (current !== undefined && now < current.token.expiresAt) {
      if (now >= current.renewAt) this.#flight.join(this.#renew).catch(() => undefined);
      return Promise.resolve(current.token);
    }
    return this.#flight.join(this.#renew, signal).then((c) => c.token);
  }

  invalidate(token?: AccessToken | string): void {
    const value = typeof token === "string" ? token : (token?.value ?? this.#current?.token.value);
    if (value === undefined) return;
    this.#rejected = value;
    if (this.#current?.token.value === value) this.#current = undefined;
  }

  #adopt(stored: StoredToken): Current {
    const current = {
      token: new BearerToken(stored.value, stored.expiresAt, stored.scope, stored.tokenType),
      renewAt: stored.renewAt,
    };
    this.#current = current;
    return current;
  }

  #renew = async (signal: AbortSignal): Promise<Current> => {
    const { key, request, retry, now, refreshMargin } = this.#options;
    const store = this.#store;
    const stored = await Promise.resolve()
      .then(() => store.get(key))
      .catch(() => undefined);
    if (stored !== undefined && stored.value !== this.#rejected && now() < stored.renewAt) return this.#adopt(stored);
    let sentAt = 0;
    const answer = await retrying(
      (attemptSignal) => {
        sentAt = now();
        return requestToken(request, this.#secret, attemptSignal);
      },
      retry,
      signal,
      request.url,
    );
    const fresh: StoredToken = { ...answer, ...tokenTimes(sentAt, answer.expiresIn, refreshMargin) };
    delete (fresh as Partial<typeof answer>).expiresIn;
    await Promise.resolve()
      .then(() => store.set(key, fresh))
      .catch(() => undefined);
    return this.#adopt(fresh);
  };

  toJSON(): Record<string, unknown> {
    const { url, clientId, authMethod, audience, scope } = this.#options.request;
    return { tokenEndpoint: url, clientId, clientSecret: "[redacted]", authMethod, audience, scope };
  }
}

inspectAs(ClientCredentialsSource, (source) => `TokenSource ${JSON.stringify(source.toJSON())}`);

/**
 * Turns a client id and secret into bearer tokens (OAuth 2.0 client
 * credentials grant, through oauth4webapi). Options are checked at once,
 * before any request. Tokens are cached and reused until a refresh margin
 * before expiry (default: the larger of 60 s and 10% of their lifetime,
 * counted from when the request was sent); inside the margin a renewal runs
 * in the background while the valid token keeps serving, and only past
 * expiry do callers wait. Any number of concurrent `getToken()` calls share
 * one request; a failure reaches all of them and is not cached. Network
 * errors, 5xx and 429 are retried with exponential backoff and jitter,
 * honouring `Retry-After`, within `retry.deadline`.
 *
 * @param options Endpoint, client, audience, scope and tuning.
 * @returns A {@linkcode TokenSource}.
 * @throws {AuthOptionsError} An option is missing or wrong (the message names it),
 *   an http endpoint on a host that is not loopback, an auth method the server does
 *   not advertise, or a browser without `dangerouslyAllowBrowser`.
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
  return new ClientCredentialsSource(resolved, options.clientSecret, options.store ?? memoryTokenStore());
}
