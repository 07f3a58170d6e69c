import type { Sandbox } from "../src/start_sandbox.ts";

/** Asks the sandbox for a token with client_secret_basic (RFC 6749 §2.3.1 encoding). */
export function basicTokenRequest(sb: Sandbox, extra: Record<string, string> = {}, secret: string = sb.clientSecret): Promise<Response> {
  const credentials = `${encodeURIComponent(sb.clientId)}:${encodeURIComponent(secret)}`;
  return fetch(sb.tokenEndpoint, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(credentials).toString("base64")}` },
    body: new URLSearchParams({ grant_type: "client_credentials", audience: sb.apiBaseUrl, ...extra }),
  });
}

/** Asks the sandbox for a token with client_secret_post. */
export function postTokenRequest(sb: Sandbox, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(sb.tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      audience: sb.apiBaseUrl,
      client_id: sb.clientId,
      client_secret: sb.clientSecret,
      ...extra,
    }),
  });
}

/** Gets an access token string (fails the test when the sandbox refuses). */
export async function accessToken(sb: Sandbox, scope?: string): Promise<string> {
  const response = await basicTokenRequest(sb, scope === undefined ? {} : { scope });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
