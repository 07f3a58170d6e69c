import { bearerOf, refusedTwice, withBearer } from "./_bearer.ts";
import type { TokenSource } from "./token_source.ts";

/**
 * The hooks {@linkcode kyAuthHooks} returns, typed structurally so this
 * package needs no ky import (ky is an optional peer dependency).
 *
 * @example Spread them into ky's hooks
 * ```ts
 * import ky from "ky";
 * import type { KyAuthHooks } from "@cadasto/auth";
 * declare const hooks: KyAuthHooks;
 * const api = ky.extend({ hooks: { ...hooks } });
 * console.log(typeof api);
 * ```
 */
export interface KyAuthHooks {
  /** Adds `Authorization: Bearer …` (on the first send and on each ky retry), waiting at most ky's `timeout` for a token. */
  beforeRequest: ((request: Request, options?: unknown) => Promise<void>)[];
  /** On a 401: invalidates that token, sends the request once more with a new one. */
  afterResponse: ((request: Request, options: unknown, response: Response) => Promise<Response | undefined>)[];
}

/**
 * ky hooks that authenticate every request with a token from `source`:
 * `beforeRequest` adds `Authorization: Bearer …`; `afterResponse`, on a 401,
 * invalidates exactly the token that was used and sends the request once
 * more (through ky's `fetch` option) with a new token. A second 401 is an
 * {@linkcode OAuthError} (`invalid_token`). ky's `timeout` also bounds the wait
 * for a token (a `timeout` {@linkcode TokenEndpointError} past it), even when the
 * token request is shared with other callers. ky sends a clone of each request,
 * so the body is still there for the second send.
 *
 * @param source Where the tokens come from, e.g. {@linkcode clientCredentials}.
 * @returns Hooks for `ky.extend({ hooks })` or `ky.create({ hooks })`.
 * @throws {OAuthError} From a request: token request refused, or the API answered 401 twice.
 * @throws {TokenEndpointError} From a request: no token could be obtained.
 *
 * @example An authenticated ky instance for the Cadasto API
 * ```ts
 * import ky from "ky";
 * import { clientCredentials, kyAuthHooks } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 * });
 * const api = ky.create({ prefixUrl: "https://acme.api.prod.cadasto.io/openehr/v1", hooks: kyAuthHooks(tokens) });
 * const templates = await api.get("definition/template/adl1.4").json();
 * console.log(templates);
 * ```
 */
export function kyAuthHooks(source: TokenSource): KyAuthHooks {
  return {
    beforeRequest: [
      async (request, options) => {
        // ky starts its own timeout only after the hooks: bound the wait for a token by it too.
        const limit = (options as { timeout?: unknown } | undefined)?.timeout;
        const timeout = typeof limit === "number" && limit > 0 && limit < Infinity ? limit : undefined;
        const token = await source.getToken({ signal: request.signal, timeout });
        request.headers.set("authorization", `Bearer ${token.value}`);
      },
    ],
    afterResponse: [
      async (request, options, response) => {
        if (response.status !== 401) return undefined;
        const sent = bearerOf(request);
        source.invalidate(sent);
        const fetch = (options as { fetch?: typeof globalThis.fetch } | undefined)?.fetch ?? globalThis.fetch;
        const fresh = await source.getToken({ signal: request.signal });
        const again = await fetch(withBearer(request, fresh));
        if (again.status !== 401) return again;
        throw await refusedTwice(request.url, again, [sent, fresh.value]);
      },
    ],
  };
}
