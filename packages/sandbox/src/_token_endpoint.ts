import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { type AuthMethod, CLIENT_AUTH_ALGORITHMS, newSecret, type ResolvedClient, SCOPES } from "./_clients.ts";
import { readBody, sendJson } from "./_http.ts";
import { DPOP_ALGORITHMS } from "./_dpop.ts";
import { memoryAdapter } from "./_oidc_adapter.ts";
import { SandboxError } from "./errors.ts";

/** Where oidc-provider serves its token endpoint and keys, under the issuer. */
export const TOKEN_PATH = "/token";
export const JWKS_PATH = "/jwks";
export const AUTHORIZATION_PATH = "/auth";

/** The same limit oidc-provider applies to token request bodies. */
const BODY_LIMIT = 56 * 1024;

/** What the server needs from the OAuth part. */
export interface TokenEndpoint {
  /** Handles `POST /token`: maps `audience` to `resource`, then hands over to oidc-provider. */
  readonly handleToken: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** oidc-provider itself, for its other routes (JWKS, discovery, …). */
  readonly handleOther: (req: IncomingMessage, res: ServerResponse) => void;
  /** The public signing key, to verify access tokens. */
  readonly publicJwk: JWK;
  /** Gives a secret client a new random secret; the old one stops working at once. */
  readonly rotateSecret: (clientId: string) => string;
}

/** Options for {@linkcode createTokenEndpoint}. */
export interface TokenEndpointOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly clients: readonly ResolvedClient[];
  readonly tokenTtlSeconds: number;
}

/**
 * Starts oidc-provider for the client credentials grant with JWT access
 * tokens for one resource server (the API, `audience`), signed with a key
 * generated here (ES256).
 */
export async function createTokenEndpoint(options: TokenEndpointOptions): Promise<TokenEndpoint> {
  // oidc-provider's modules, not its entry: the entry only adds a console notice that
  // Node 20 is not a runtime it supports (it works there; the sandbox is tested on 20 and 24).
  const [{ Provider }, errors] = await Promise.all([
    import("oidc-provider/lib/provider.js"),
    import("oidc-provider/lib/helpers/errors.js"),
  ]);
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "ES256", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const { issuer, audience, tokenTtlSeconds } = options;

  const clients = new Map(options.clients.map((client) => [client.clientId, client]));

  const provider = new Provider(issuer, {
    // Clients are read from `clients` on each request (rotation), not configured statically.
    adapter: memoryAdapter(clients),
    enabledJWA: { clientAuthSigningAlgValues: [...CLIENT_AUTH_ALGORITHMS], dPoPSigningAlgValues: [...DPOP_ALGORITHMS] },
    jwks: { keys: [privateJwk] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    scopes: [...SCOPES],
    clientDefaults: { id_token_signed_response_alg: "ES256" },
    routes: { token: TOKEN_PATH, jwks: JWKS_PATH, authorization: AUTHORIZATION_PATH },
    ttl: { ClientCredentials: tokenTtlSeconds },
    features: {
      devInteractions: { enabled: false },
      // Tokens are DPoP-bound when the client sends a DPoP proof with its token request.
      dPoP: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Cadasto requires the audience; the sandbox maps it to `resource` before this runs.
        defaultResource() {
          throw new errors.InvalidRequest(`audience is required: send audience=${audience}`);
        },
        useGrantedResource: () => true,
        getResourceServerInfo(ctx: { oidc: { params?: Record<string, unknown> } }, resource: string) {
          if (resource !== audience) {
            throw new errors.InvalidTarget(`unknown audience "${resource}": use ${audience}`);
          }
          const requested = ctx.oidc.params?.scope;
          if (typeof requested === "string") {
            for (const scope of requested.split(" ")) {
              if (scope !== "" && !SCOPES.includes(scope)) {
                throw new errors.InvalidScope(`unknown scope "${scope}" (known: ${SCOPES.join(" ")})`, scope);
              }
            }
          }
          return {
            scope: SCOPES.join(" "),
            audience,
            accessTokenTTL: tokenTtlSeconds,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "ES256" } },
          };
        },
      },
    },
  });
  const callback = provider.callback();

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const isForm = (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
    if (!isForm) {
      callback(req, res); // oidc-provider answers invalid_request for other content types
      return;
    }
    const raw = await readBody(req, res, BODY_LIMIT);
    if (raw === undefined) {
      sendJson(res, 413, { error: "invalid_request", error_description: "request body too large" });
      return;
    }
    const params = new URLSearchParams(raw.toString("utf8"));
    const audienceParam = params.get("audience");
    params.delete("audience");
    if (audienceParam !== null && !params.has("resource")) params.set("resource", audienceParam);

    const caller = identifyClient(req.headers.authorization, params);
    const client = caller === undefined ? undefined : clients.get(caller.clientId);
    if (client !== undefined && caller !== undefined) {
      if (client.authMethod !== undefined && client.authMethod !== caller.method) {
        sendJson(
          res,
          401,
          {
            error: "invalid_client",
            error_description: `this client must authenticate with ${client.authMethod}`,
          },
          { "cache-control": "no-store" },
        );
        return;
      }
      // Cadasto grants the client's scopes when none are asked for.
      if (!params.has("scope")) params.set("scope", client.scopes.join(" "));
    }
    callback(replay(req, params.toString()), res);
  }

  function rotateSecret(clientId: string): string {
    const client = clients.get(clientId);
    if (client?.clientSecret === undefined) {
      throw new SandboxError(
        "invalid_option",
        client === undefined
          ? `rotateSecret: no client "${clientId}"`
          : `rotateSecret: client "${clientId}" uses private_key_jwt, not a secret`,
      );
    }
    client.clientSecret = newSecret();
    return client.clientSecret;
  }

  return { handleToken, handleOther: callback, publicJwk, rotateSecret };
}

/**
 * The request again, with `body` as its (unread) body: oidc-provider reads the
 * body itself. Everything else — headers (with the new length), method, URL,
 * socket — is the original's.
 */
function replay(req: IncomingMessage, body: string): IncomingMessage {
  const bytes = Buffer.from(body, "utf8");
  const copy = Readable.from([bytes], { objectMode: false });
  return Object.assign(copy, {
    headers: { ...req.headers, "content-length": String(bytes.length) },
    rawHeaders: req.rawHeaders,
    method: req.method,
    url: req.url,
    socket: req.socket,
    connection: req.socket,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    complete: true,
  }) as unknown as IncomingMessage;
}

function identifyClient(authorization: string | undefined, params: URLSearchParams): { clientId: string; method: AuthMethod } | undefined {
  const assertion = params.get("client_assertion");
  if (assertion !== null) {
    // Only to find the client's default scopes and method; oidc-provider verifies the assertion.
    const clientId = params.get("client_id") ?? assertionIssuer(assertion);
    return clientId === undefined ? undefined : { clientId, method: "private_key_jwt" };
  }
  if (params.has("client_secret")) {
    const clientId = params.get("client_id");
    return clientId === null ? undefined : { clientId, method: "client_secret_post" };
  }
  const match = /^basic\s+(\S+)$/i.exec(authorization ?? "");
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon).replaceAll("+", " ")), method: "client_secret_basic" };
  } catch {
    return undefined;
  }
}

function assertionIssuer(assertion: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString("utf8")) as { iss?: unknown };
    return typeof payload.iss === "string" ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}
