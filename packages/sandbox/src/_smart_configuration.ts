import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_AUTH_ALGORITHMS, SCOPES } from "./_clients.ts";
import { DPOP_ALGORITHMS } from "./_dpop.ts";

/** The URLs the SMART configuration document names. */
export interface SandboxUrls {
  readonly authBaseUrl: string;
  readonly apiBaseUrl: string;
  readonly tokenEndpoint: string;
  readonly authorizationEndpoint: string;
  readonly jwksUri: string;
}

/** The path Cadasto serves its SMART configuration on. */
export const SMART_CONFIGURATION_PATH = "/.well-known/smart-configuration";

/**
 * Builds the `GET /.well-known/smart-configuration` handler: Cadasto's four
 * documented fields plus the optional ones real responses carry (issuer,
 * jwks_uri, auth methods, capabilities and the openEHR `services` map).
 */
export function smartConfigurationHandler(urls: SandboxUrls): (req: IncomingMessage, res: ServerResponse) => void {
  const body = JSON.stringify({
    issuer: urls.authBaseUrl,
    jwks_uri: urls.jwksUri,
    authorization_endpoint: urls.authorizationEndpoint,
    token_endpoint: urls.tokenEndpoint,
    grant_types_supported: ["client_credentials"],
    scopes_supported: [...SCOPES],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: [...CLIENT_AUTH_ALGORITHMS],
    dpop_signing_alg_values_supported: [...DPOP_ALGORITHMS],
    capabilities: ["client-confidential-symmetric", "client-confidential-asymmetric"],
    services: { "org.openehr.rest": { baseUrl: urls.apiBaseUrl } },
  });
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const headers = { "cache-control": "public, max-age=300", etag };
    const match = req.headers["if-none-match"];
    if (match?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
