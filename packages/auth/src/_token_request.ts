// Internal: one token request through oauth4webapi, its answer mapped to a
// token or to this package's errors (never carrying the token or the secret).
import {
  allowInsecureRequests,
  clientCredentialsGrantRequest,
  customFetch,
  processClientCredentialsResponse,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
} from "oauth4webapi";
import { createScrubber, readBodyCapped } from "@cadasto/core";
import { OAuthError, TokenEndpointError } from "./errors.ts";
import type { AuthMethod, Presented } from "./_credential.ts";
import { parseRetryAfter, withRetryAfter } from "./_retry.ts";

/** A token response is a few KB; like discovery documents, more than 1 MiB (decoded) is refused. */
export const MAX_TOKEN_RESPONSE_BYTES: number = 1024 * 1024;

/** Everything needed to send the request; the credential is passed per call. */
export interface TokenRequest {
  url: string;
  clientId: string;
  authMethod: AuthMethod;
  audience: string;
  scope: readonly string[];
  insecure: boolean;
  fetch: typeof fetch | undefined;
}

/** A token response, validated but for its lifetime (see _lifetime.ts). */
export interface TokenAnswer {
  value: string;
  /** `expires_in` as the server sent it, unparsed. */
  expiresIn: unknown;
  scope: string[];
  tokenType: string;
  /** The response's `Date` header (for the clock skew). */
  date: string | null;
  status: number;
}

type AnswerCode = "http_error" | "invalid_response" | "response_too_large";

/** The token endpoint answered, but not with a usable token: `why` follows "answered HTTP <status>". */
export function badAnswer(code: AnswerCode, url: string, status: number, why: string, retryable = false): TokenEndpointError {
  return new TokenEndpointError(code, `Token endpoint ${url} answered HTTP ${status} ${why}`, { status, retryable, url });
}

/** Sends one client credentials request and checks the answer. */
export async function requestToken(request: TokenRequest, credential: Presented, signal: AbortSignal): Promise<TokenAnswer> {
  // The secret (none for a key: the private key is never sent), each of its forms scrubbed from answers.
  const shield = credential.secrets;
  const { url, scope } = request;
  const as = { issuer: url, token_endpoint: url };
  const client = { client_id: request.clientId };
  const parameters = new URLSearchParams({ audience: request.audience });
  if (scope.length) parameters.set("scope", scope.join(" "));
  let response: Response;
  try {
    response = await clientCredentialsGrantRequest(as, client, credential.auth, parameters, {
      signal,
      [allowInsecureRequests]: request.insecure,
      [customFetch]: request.fetch as typeof fetch,
    });
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
      badAnswer("http_error", url, status, "(server error or rate limit): retried; if it lasts, check the auth server.", true),
      parseRetryAfter(response.headers.get("retry-after")),
    );
  }
  const bytes = await readBodyCapped(response, MAX_TOKEN_RESPONSE_BYTES).catch((cause: unknown) => {
    throw new TokenEndpointError("network_error", `Token endpoint ${url} broke off its answer (${(cause as Error)?.message ?? cause}).`, {
      status,
      retryable: true,
      url,
      cause,
    });
  });
  if (bytes === undefined) {
    throw badAnswer(
      "response_too_large",
      url,
      status,
      `with more than ${MAX_TOKEN_RESPONSE_BYTES} bytes (after decompression): not a token response; check tokenEndpoint.`,
    );
  }
  response = new Response(bytes, { status, statusText: response.statusText, headers: response.headers });
  let body: Awaited<ReturnType<typeof processClientCredentialsResponse>>;
  // oauth4webapi parses expires_in leniently (parseFloat: "3600 seconds" → 3600); keep the raw value.
  let expiresIn: unknown;
  const json = response.json.bind(response);
  response.json = () =>
    json().then((parsed: { expires_in?: unknown } | null) => {
      expiresIn = parsed?.expires_in;
      return parsed;
    });
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
      const { text } = createScrubber(shield);
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
      ? badAnswer("invalid_response", url, status, "without a usable token (not JSON, or a field is wrong): check tokenEndpoint.")
      : badAnswer("http_error", url, status, "without an OAuth error body: check tokenEndpoint.");
  }
  const { access_token: value, token_type: tokenType } = body;
  if (tokenType !== "bearer") {
    const { text } = createScrubber([...shield, value]);
    throw badAnswer("invalid_response", url, status, `with ${text(`token_type ${tokenType}`)}: want bearer; check tokenEndpoint.`);
  }
  const date = response.headers.get("date");
  return { value, expiresIn, tokenType, scope: body.scope?.split(" ").filter(Boolean) ?? [...scope], date, status };
}
