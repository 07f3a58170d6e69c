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
