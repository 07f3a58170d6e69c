import { randomBytes, randomUUID } from "node:crypto";
import { SandboxError } from "./errors.ts";

/** The scopes the sandbox knows: reads and uploads. */
export const SCOPES: readonly string[] = ["api.read", "api.write"];

const VSCHAR = /^[\x20-\x7E]+$/;

/**
 * A client the sandbox's token endpoint accepts (the `clients` option of
 * `startSandbox`). Ids and secrets are printable ASCII (RFC 6749 VSCHAR).
 *
 * @example A read-only client that must use client_secret_post
 * ```ts
 * import { startSandbox, type SandboxClient } from "@cadasto/sandbox";
 * const reader: SandboxClient = {
 *   clientId: "reader",
 *   clientSecret: "reader-secret",
 *   scopes: ["api.read"],
 *   authMethod: "client_secret_post",
 * };
 * const sb = await startSandbox({ clients: [reader] });
 * await sb.close();
 * ```
 */
export interface SandboxClient {
  /** The client id. */
  clientId: string;
  /** The client secret (never logged). */
  clientSecret: string;
  /** The scopes this client may get; default both `api.read` and `api.write`. */
  scopes?: string[];
  /** Restrict the client to one authentication method; default: either. */
  authMethod?: "client_secret_basic" | "client_secret_post";
}

/** A client after checking, with defaults filled in. */
export interface ResolvedClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  readonly authMethod: "client_secret_basic" | "client_secret_post" | undefined;
}

/** Checks the `clients` option (or generates one client) and fills in defaults. */
export function resolveClients(clients: readonly SandboxClient[] | undefined): ResolvedClient[] {
  if (clients === undefined) {
    return [{
      clientId: `sandbox-${randomUUID().slice(0, 8)}`,
      clientSecret: randomBytes(24).toString("base64url"),
      scopes: SCOPES,
      authMethod: undefined,
    }];
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
    if (typeof client.clientSecret !== "string" || !VSCHAR.test(client.clientSecret)) {
      throw new SandboxError(
        "invalid_option",
        `${at}.clientSecret must be a non-empty string of printable ASCII (RFC 6749 VSCHAR)`,
      );
    }
    const scopes = client.scopes ?? SCOPES;
    for (const scope of scopes) {
      if (!SCOPES.includes(scope)) {
        throw new SandboxError("invalid_option", `${at}.scopes: unknown scope "${scope}" (known: ${SCOPES.join(", ")})`);
      }
    }
    const method = client.authMethod;
    if (method !== undefined && method !== "client_secret_basic" && method !== "client_secret_post") {
      throw new SandboxError("invalid_option", `${at}.authMethod must be "client_secret_basic" or "client_secret_post"`);
    }
    return { clientId: client.clientId, clientSecret: client.clientSecret, scopes: [...scopes], authMethod: method };
  });
}
