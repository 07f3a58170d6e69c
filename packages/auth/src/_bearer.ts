// Internal: what authFetch and kyAuthHooks share.
import { createScrubber } from "@cadasto/core";
import type { AccessToken } from "./access_token.ts";
import { OAuthError } from "./errors.ts";

/** A copy of `request` carrying `Authorization: Bearer <token>` (the body moves to the copy). */
export function withBearer(request: Request, token: AccessToken): Request {
  return new Request(request, { headers: withAuthorization(request.headers, token) });
}

/**
 * `headers` with `authorization: Bearer <token>` replacing any authorization header,
 * as a plain object when `headers` is one (no Headers object built per call).
 */
export function withAuthorization(headers: HeadersInit | undefined, token: AccessToken): HeadersInit {
  const authorization = `Bearer ${token.value}`;
  if (headers != null && Symbol.iterator in headers) {
    const copy = new Headers(headers);
    copy.set("authorization", authorization);
    return copy;
  }
  const copy: Record<string, string> = { ...(headers as Record<string, string> | undefined) };
  for (const name in copy) if (name.toLowerCase() === "authorization") delete copy[name];
  copy.authorization = authorization;
  return copy;
}

/** The bearer token a request carries, if any. */
export function bearerOf(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

/**
 * The error for an API that answered 401 to a freshly issued token as well.
 * `tokens` are the bearer tokens sent: the challenge is scrubbed of them (an API may echo them).
 */
export async function refusedTwice(requestUrl: string, response: Response, tokens: readonly (string | undefined)[]): Promise<OAuthError> {
  await response.body?.cancel().catch(() => undefined);
  const challenge = createScrubber(tokens).text(response.headers.get("www-authenticate") ?? "");
  const param = (name: string): string | undefined => new RegExp(`${name}="([^"]*)"`, "i").exec(challenge)?.[1];
  const url = new URL(requestUrl);
  return new OAuthError(param("error") ?? "invalid_token", {
    status: 401,
    url: `${url.origin}${url.pathname}`,
    description: param("error_description") ?? "the API answered 401 twice: to the cached token and to a freshly requested one",
  });
}
