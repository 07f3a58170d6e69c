// Test-only helpers (outside src/, so never built or shipped).
import { inspect } from "node:util";
import type { Sandbox } from "@cadasto/sandbox";
import type { ClientCredentialsOptions } from "../src/client_credentials_options.ts";

/** Options for a sandbox's first client (its token endpoint, id, secret and API audience), with `extra` on top. */
export function sandboxClient(sandbox: Sandbox, extra: Partial<ClientCredentialsOptions> = {}): ClientCredentialsOptions {
  return {
    tokenEndpoint: sandbox.tokenEndpoint,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    audience: sandbox.apiBaseUrl,
    ...extra,
  };
}

/** Every error a test file met, to scan for secrets at the end. */
export const seenErrors: unknown[] = [];
/** Every token value a test file saw. */
export const seenTokens: Set<string> = new Set<string>();

/** Awaits `promise`, expecting a rejection; records the error for the secret scan. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    seenErrors.push(error);
    return error;
  }
  throw new Error(`expected a rejection, got ${inspect(value)}`);
}

/** All the text an error can show: message, stack, JSON, inspect, along the cause chain. */
export function everythingShown(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? "");
    parts.push(String(current), inspect(current, { depth: 10, showHidden: true }));
    try {
      parts.push(JSON.stringify(current) ?? "");
    } catch {
      // circular causes are fine: inspect above covered them
    }
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join("\n");
}
