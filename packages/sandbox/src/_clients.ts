import { randomBytes, randomUUID } from "node:crypto";
import { SandboxError } from "./errors.ts";
import type { SandboxClient, SandboxPublicJwk } from "./sandbox_client.ts";

/** The scopes the sandbox knows: reads and uploads. */
export const SCOPES: readonly string[] = ["api.read", "api.write"];

/** The assertion algorithms the sandbox accepts for private_key_jwt (SMART requires RS384 and ES384). */
export const CLIENT_AUTH_ALGORITHMS: readonly string[] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

export type AuthMethod = "client_secret_basic" | "client_secret_post" | "private_key_jwt";

const VSCHAR = /^[\x20-\x7E]+$/;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/** A client after checking, with defaults filled in. The secret changes on rotation. */
export interface ResolvedClient {
  readonly clientId: string;
  clientSecret: string | undefined;
  readonly jwks: { readonly keys: readonly SandboxPublicJwk[] } | undefined;
  readonly scopes: readonly string[];
  readonly authMethod: AuthMethod | undefined;
}

/** A fresh random secret (32 characters of base64url). */
export function newSecret(): string {
  return randomBytes(24).toString("base64url");
}

function checkJwks(jwks: unknown, at: string): { keys: SandboxPublicJwk[] } {
  const keys =
    typeof jwks === "object" && jwks !== null && Array.isArray((jwks as { keys?: unknown }).keys)
      ? (jwks as { keys: unknown[] }).keys
      : [jwks];
  if (keys.length === 0) throw new SandboxError("invalid_option", `${at}.jwks has no keys`);
  keys.forEach((key, index) => {
    const where = `${at}.jwks.keys[${index}]`;
    if (typeof key !== "object" || key === null || !["RSA", "EC"].includes(String((key as SandboxPublicJwk).kty))) {
      throw new SandboxError("invalid_option", `${where} must be an RSA or EC public JWK`);
    }
    const secret = PRIVATE_MEMBERS.find((member) => member in key);
    if (secret !== undefined) {
      throw new SandboxError("invalid_option", `${where} holds the private member "${secret}": register only the public key`);
    }
  });
  return { keys: keys as SandboxPublicJwk[] };
}

/** Checks the `clients` option (or generates one client) and fills in defaults. */
export function resolveClients(clients: readonly SandboxClient[] | undefined): ResolvedClient[] {
  if (clients === undefined) {
    return [
      {
        clientId: `sandbox-${randomUUID().slice(0, 8)}`,
        clientSecret: newSecret(),
        jwks: undefined,
        scopes: SCOPES,
        authMethod: undefined,
      },
    ];
  }
  if (!Array.isArray(clients) || clients.length === 0) {
    throw new SandboxError("invalid_option", "clients must be a non-empty array (or left out for one generated client)");
  }
  const seen = new Set<string>();
  return clients.map((client, index) => {
    const at = `clients[${index}]`;
    if (typeof client?.clientId !== "string" || client.clientId === "") {
      throw new SandboxError("invalid_option", `${at}.clientId must be a non-empty string`);
    }
    if (seen.has(client.clientId)) {
      throw new SandboxError("invalid_option", `${at}.clientId "${client.clientId}" is given twice`);
    }
    seen.add(client.clientId);
    if (!VSCHAR.test(client.clientId)) {
      throw new SandboxError("invalid_option", `${at}.clientId may only hold printable ASCII (RFC 6749 VSCHAR)`);
    }
    const jwks = client.jwks === undefined ? undefined : checkJwks(client.jwks, at);
    if (jwks !== undefined && client.clientSecret !== undefined) {
      throw new SandboxError("invalid_option", `${at}: give clientSecret or jwks, not both`);
    }
    if (jwks === undefined && (typeof client.clientSecret !== "string" || !VSCHAR.test(client.clientSecret))) {
      throw new SandboxError(
        "invalid_option",
        `${at}.clientSecret must be a non-empty string of printable ASCII (RFC 6749 VSCHAR), or give jwks for private_key_jwt`,
      );
    }
    const scopes = client.scopes ?? SCOPES;
    for (const scope of scopes) {
      if (!SCOPES.includes(scope)) {
        throw new SandboxError("invalid_option", `${at}.scopes: unknown scope "${scope}" (known: ${SCOPES.join(", ")})`);
      }
    }
    const method = client.authMethod ?? (jwks === undefined ? undefined : "private_key_jwt");
    const allowed: readonly (string | undefined)[] =
      jwks === undefined ? [undefined, "client_secret_basic", "client_secret_post"] : ["private_key_jwt"];
    if (!allowed.includes(method)) {
      throw new SandboxError(
        "invalid_option",
        jwks === undefined
          ? `${at}.authMethod must be "client_secret_basic" or "client_secret_post" for a client with a secret`
          : `${at}.authMethod must be "private_key_jwt" for a client with jwks`,
      );
    }
    return { clientId: client.clientId, clientSecret: client.clientSecret, jwks, scopes: [...scopes], authMethod: method };
  });
}
