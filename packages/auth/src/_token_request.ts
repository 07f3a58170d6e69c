// Internal: one token request through oauth4webapi, its answer mapped to a
// token or to this package's errors (never carrying the token or the secret).
import {
  allowInsecureRequests,
  type AuthorizationServer,
  type Client,
  ClientSecretBasic,
  ClientSecretPost,
  clientCredentialsGrantRequest,
  customFetch,
  processClientCredentialsResponse,
  ResponseBodyError,
  UnsupportedOperationError,
  WWWAuthenticateChallengeError,
} from "oauth4webapi";
import { OAuthError, TokenEndpointError } from "./errors.ts";
import { scrub } from "./_redact.ts";
import { parseRetryAfter, withRetryAfter } from "./_retry.ts";

/** Everything needed to send the request; the secret is passed per call. */
export interface TokenRequest {
  url: string;
  clientId: string;
  authMethod: "client_secret_basic" | "client_secret_post";
  audience: string;
  scope: readonly string[];
  insecure: boolean;
  fetch: typeof fetch | undefined;
}

/** A token response, validated. */
export interface TokenAnswer {
  value: string;
  expiresIn: number;
  scope: string[];
  tokenType: string;
}

function oauthError(
  code: string,
  status: number,
  url: string,
  description: unknown,
  uri: unknown,
  secret: string,
): OAuthError {
  const text = typeof description === "string" ? scrub(description, [secret]) : undefined;
  const link = typeof uri === "string" ? uri : undefined;
  return new OAuthError(code, {
    status,
    url,
    description: text,
    uri: link,
    cause: { error: code, error_description: text, error_uri: link },
  });
}

function invalid(url: string, what: string): TokenEndpointError {
  return new TokenEndpointError(
    "invalid_response",
    `The token endpoint ${url} answered 200 without a usable token: ${what}. Check that tokenEndpoint is the OAuth 2.0 token endpoint of your environment.`,
    { status: 200, retryable: false, url },
  );
}

/** Sends one client credentials request; `sentAt` is read just before sending. */
export async function requestToken(
  request: TokenRequest,
  secret: string,
  signal: AbortSignal,
): Promise<TokenAnswer> {
  const { url } = request;
  const as: AuthorizationServer = { issuer: new URL(url).origin, token_endpoint: url };
  const client: Client = { client_id: request.clientId };
  const auth = request.authMethod === "client_secret_post" ? ClientSecretPost(secret) : ClientSecretBasic(secret);
  const parameters = new URLSearchParams({ audience: request.audience });
  if (request.scope.length > 0) parameters.set("scope", request.scope.join(" "));
  let response: Response;
  try {
    response = await clientCredentialsGrantRequest(as, client, auth, parameters, {
      signal,
      [allowInsecureRequests]: request.insecure,
      ...(request.fetch ? { [customFetch]: request.fetch } : {}),
    });
  } catch (cause) {
    if (signal.aborted) throw cause;
    const reason = cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : String(cause);
    throw new TokenEndpointError(
      "network_error",
      `Could not reach the token endpoint ${url} (${reason}): check the URL, DNS, proxy and firewall, and that the auth server is up.`,
      { retryable: true, url, cause },
    );
  }
  const { status } = response;
  if (status >= 500 || status === 429) {
    await response.body?.cancel();
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    const why = status === 429 ? "is rate limiting this client" : "has a server error";
    throw withRetryAfter(
      new TokenEndpointError(
        "http_error",
        `The token endpoint ${url} answered HTTP ${status}: the auth server ${why}${retryAfter === undefined ? "" : ` (Retry-After ${retryAfter} ms)`}. Retried with backoff; if it persists, check the auth server's status.`,
        { status, retryable: true, url },
      ),
      retryAfter,
    );
  }
  let body: Awaited<ReturnType<typeof processClientCredentialsResponse>>;
  try {
    body = await processClientCredentialsResponse(as, client, response);
  } catch (error) {
    if (error instanceof ResponseBodyError) {
      throw oauthError(error.error, error.status, url, error.error_description, error.cause.error_uri, secret);
    }
    if (error instanceof WWWAuthenticateChallengeError) {
      const parameters = error.cause[0]?.parameters ?? {};
      const code = parameters.error ?? (status === 401 ? "invalid_client" : "invalid_request");
      throw oauthError(code, status, url, parameters.error_description, parameters.error_uri, secret);
    }
    if (error instanceof UnsupportedOperationError) {
      throw invalid(url, "its token_type is not Bearer (DPoP and other types are not supported)");
    }
    if (status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new TokenEndpointError(
        "http_error",
        `The token endpoint ${url} answered HTTP ${status} without an OAuth error body: check that tokenEndpoint is the token endpoint of your environment${status >= 300 && status < 400 ? " (it redirects; use the final URL)" : ""}.`,
        { status, retryable: false, url },
      );
    }
    const detail = error instanceof Error ? error.message.replace(/"response" body/g, "the body") : "unreadable body";
    throw invalid(url, detail);
  }
  const tokenType = body.token_type;
  if (tokenType !== "bearer") throw invalid(url, `its token_type is "${tokenType}", not Bearer`);
  const expiresIn = body.expires_in;
  if (expiresIn === undefined) throw invalid(url, "it has no expires_in, so we cannot know when to renew it");
  if (!(expiresIn > 0) || !Number.isFinite(expiresIn)) {
    throw invalid(url, `its expires_in is ${expiresIn}; a token must live a positive number of seconds`);
  }
  const scope = typeof body.scope === "string" ? body.scope.split(" ").filter(Boolean) : [...request.scope];
  return { value: body.access_token, expiresIn, scope, tokenType };
}
