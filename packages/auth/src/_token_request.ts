// Internal: one token request through oauth4webapi, its answer mapped to a
// token or to this package's errors (never carrying the token or the secret).
import {
  allowInsecureRequests,
  ClientSecretBasic,
  ClientSecretPost,
  clientCredentialsGrantRequest,
  customFetch,
  processClientCredentialsResponse,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
} from "oauth4webapi";
import { createScrubber } from "@cadasto/core";
import { OAuthError, TokenEndpointError } from "./errors.ts";
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

/** Sends one client credentials request and checks the answer. */
export async function requestToken(request: TokenRequest, secret: string, signal: AbortSignal): Promise<TokenAnswer> {
  const { url, scope } = request;
  const as = { issuer: url, token_endpoint: url };
  const client = { client_id: request.clientId };
  const parameters = new URLSearchParams({ audience: request.audience });
  if (scope.length) parameters.set("scope", scope.join(" "));
  const fail = (code: "http_error" | "invalid_response", status: number, why: string, retryable = false) =>
    new TokenEndpointError(code, `Token endpoint ${url} answered HTTP ${status} ${why}`, { status, retryable, url });
  let response: Response;
  try {
    response = await clientCredentialsGrantRequest(
      as,
      client,
      (request.authMethod === "client_secret_post" ? ClientSecretPost : ClientSecretBasic)(secret),
      parameters,
      { signal, [allowInsecureRequests]: request.insecure, [customFetch]: request.fetch as typeof fetch },
    );
  } catch (cause) {
    throw new TokenEndpointError(
      "network_error",
      `Token endpoint ${url} unreachable (${(cause as Error)?.cause ?? cause}): check the URL, DNS, proxy and firewall.`,
      { retryable: true, url, cause },
    );
  }
  const { status } = response;
  if (status > 499 || status === 429) {
    await response.body?.cancel();
    throw withRetryAfter(
      fail("http_error", status, "(server error or rate limit): retried; if it lasts, check the auth server.", true),
      parseRetryAfter(response.headers.get("retry-after")),
    );
  }
  let body: Awaited<ReturnType<typeof processClientCredentialsResponse>>;
  try {
    body = await processClientCredentialsResponse(as, client, response);
  } catch (error) {
    let oauth: Record<string, string | undefined> | undefined;
    if (error instanceof ResponseBodyError) oauth = error.cause as Record<string, string>;
    if (error instanceof WWWAuthenticateChallengeError) {
      oauth = { error: status === 401 ? "invalid_client" : "invalid_request", ...error.cause[0]?.parameters };
    }
    if (oauth?.error) {
      // Every string the server wrote may echo the request (the Basic header, the form body):
      // scrub each form of the secret and of the id:secret pair before it reaches the error.
      const { text } = createScrubber([{ clientId: request.clientId, secret }]);
      const code = text(oauth.error);
      const description = oauth.error_description && text(oauth.error_description);
      throw new OAuthError(code, {
        status,
        url,
        description,
        uri: oauth.error_uri && text(oauth.error_uri),
        cause: { error: code, error_description: description },
      });
    }
    await response.body?.cancel().catch(() => undefined);
    throw status === 200
      ? fail("invalid_response", status, "without a usable token (not JSON, or a field is wrong): check tokenEndpoint.")
      : fail("http_error", status, "without an OAuth error body: check tokenEndpoint.");
  }
  const { access_token: value, token_type: tokenType, expires_in: expiresIn = 0 } = body;
  if (tokenType !== "bearer" || !(expiresIn > 0)) {
    const { text } = createScrubber([{ clientId: request.clientId, secret }, value]);
    const shown = text(`token_type ${tokenType} and expires_in ${body.expires_in}`);
    throw fail("invalid_response", status, `with ${shown}: want bearer and a positive lifetime; check tokenEndpoint.`);
  }
  return { value, expiresIn, tokenType, scope: body.scope?.split(" ").filter(Boolean) ?? [...scope] };
}
