import { bearerOf, refusedTwice, withAuthorization, withBearer } from "./_bearer.ts";
import type { TokenSource } from "./token_source.ts";

/**
 * A `fetch` that authenticates every request with a token from `source`.
 * It adds `Authorization: Bearer …`; when the API answers 401 it invalidates
 * exactly the token that was used, gets a new one and sends the request once
 * more. A second 401 is an {@linkcode OAuthError} (`invalid_token`, or the
 * `error` of the API's `WWW-Authenticate` challenge).
 *
 * A URL with no body or a body that can be sent twice (a string, bytes, a
 * `Blob`, `URLSearchParams`) goes to `fetch` as it is, with the header added.
 * A `Request`, or a `ReadableStream` body, is cloned before the first send:
 * the stream is teed by the clone, so it is buffered in memory as
 * it goes out; for very large one-shot streams, pass a body that can be
 * re-created instead (a `Blob` or a file handle per call).
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
  const send = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => (fetch ?? globalThis.fetch)(input, init);
  return async (input, init) => {
    if (input instanceof Request || !resendable(init?.body)) return await viaRequest(source, send, new Request(input, init));
    // No body, or one that can be sent twice: no Request built and none cloned.
    const signal = init?.signal ?? undefined;
    const sent = await source.getToken({ signal });
    const response = await send(input, { ...init, headers: withAuthorization(init?.headers, sent) });
    if (response.status !== 401) return response;
    await response.body?.cancel().catch(() => undefined);
    source.invalidate(sent.value);
    const again = await send(input, { ...init, headers: withAuthorization(init?.headers, await source.getToken({ signal })) });
    if (again.status !== 401) return again;
    throw await refusedTwice(new Request(input).url, again);
  };
}

/** A Request input or a stream body: cloned before the first send, so it can go twice. */
async function viaRequest(source: TokenSource, send: (request: Request) => Promise<Response>, request: Request): Promise<Response> {
  const replay = request.clone();
  const signal = request.signal;
  const sent = withBearer(request, await source.getToken({ signal }));
  const response = await send(sent);
  if (response.status !== 401) return response;
  await response.body?.cancel().catch(() => undefined);
  source.invalidate(bearerOf(sent));
  const again = await send(withBearer(replay, await source.getToken({ signal })));
  if (again.status !== 401) return again;
  throw await refusedTwice(replay.url, again);
}

/** Whether fetch can send this body again as it is (not a stream). */
function resendable(body: BodyInit | null | undefined): boolean {
  return (
    body == null ||
    typeof body === "string" ||
    ArrayBuffer.isView(body) ||
    body instanceof ArrayBuffer ||
    body instanceof Blob ||
    body instanceof URLSearchParams
  );
}
