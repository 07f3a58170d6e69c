import { refusedTwice, withAuthorization, withBearer } from "./_bearer.ts";
import type { AccessToken } from "./access_token.ts";
import type { TokenSource } from "./token_source.ts";

/**
 * A `fetch` that authenticates every request with a token from `source`.
 * It adds `Authorization: Bearer …`; when the API answers 401 it invalidates
 * exactly the token that was used, gets a new one and sends the request once
 * more. A second 401 is an {@linkcode OAuthError} (`invalid_token`, or the
 * `error` of the API's `WWW-Authenticate` challenge).
 *
 * A URL with no body or a string body goes to `fetch` as it is, with the
 * header added. A `Request`, or any other body, is cloned before the first
 * send, so it can go twice: a `ReadableStream` body is teed by the clone, so
 * it is buffered in memory as it goes out; for very large one-shot streams,
 * pass a body that can be re-created instead (a `Blob` or a file handle per call).
 *
 * The request's `signal` also stops the wait for a token (the promise
 * rejects with the signal's reason).
 *
 * @param source Where the tokens come from, e.g. {@linkcode clientCredentials}.
 * @param fetch The fetch to wrap. Default: the global `fetch`, looked up on every call.
 * @returns A function with the signature of `fetch`.
 * @throws {OAuthError} Token request refused, or the API answered 401 twice.
 * @throws {TokenEndpointError} No token could be obtained.
 *
 * @example List templates with an authenticated fetch
 * ```ts
 * import { authFetch, clientCredentials } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const api = "https://acme.api.prod.cadasto.io/openehr/v1";
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: api,
 *   scope: ["api.read"],
 * });
 * const fetchWithAuth = authFetch(tokens);
 * const response = await fetchWithAuth(`${api}/definition/template/adl1.4`);
 * console.log(await response.json());
 * ```
 */
export function authFetch(source: TokenSource, fetch?: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    // A URL with no body or a string body is sent as given (no Request built per call); a Request
    // or any other body goes through a Request and a clone kept for the retry.
    const body = init?.body;
    let request = input instanceof Request || (body != null && typeof body !== "string") ? new Request(input, init) : undefined;
    const replay = request?.clone();
    const signal = request?.signal ?? init?.signal ?? undefined;
    const send = (token: AccessToken): Promise<Response> =>
      (fetch ?? globalThis.fetch)(
        request ? withBearer(request, token) : input,
        request ? undefined : { ...init, headers: withAuthorization(init?.headers, token) },
      );
    const sent = await source.getToken({ signal });
    const response = await send(sent);
    if (response.status !== 401) return response;
    await response.body?.cancel().catch(() => undefined);
    source.invalidate(sent.value);
    request = replay;
    const fresh = await source.getToken({ signal });
    const again = await send(fresh);
    if (again.status !== 401) return again;
    throw await refusedTwice((replay ?? new Request(input)).url, again, [sent.value, fresh.value]);
  };
}
