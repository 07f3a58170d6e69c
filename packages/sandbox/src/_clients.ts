import { randomBytes, randomUUID } from "node:crypto";
import { SandboxError } from "./errors.ts";
import type { SandboxClient } from "./sandbox_client.ts";

/** The scopes the sandbox knows: reads and uploads. */
export const SCOPES: readonly string[] = ["api.read", "api.write"];

const VSCHAR = /^[\x20-\x7E]+$/;


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
