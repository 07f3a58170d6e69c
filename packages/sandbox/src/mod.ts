/**
 * A local Cadasto-compatible server for tests and demos: a real OAuth server
 * (oidc-provider) issuing JWT access tokens for the client credentials grant,
 * the SMART configuration, the openEHR template endpoints and the clinical
 * data API (EHRs, versioned compositions, contributions, AQL), on 127.0.0.1.
 *
 * @example Start a sandbox in a test
 * ```ts
 * import { startSandbox } from "@cadasto/sandbox";
 * const sb = await startSandbox({ tokenTtlSeconds: 5 });
 * console.log(sb.authBaseUrl, sb.apiBaseUrl, sb.clientId);
 * await sb.close();
 * ```
 *
 * @module
 */

export { isSandboxError, SandboxError } from "./errors.ts";
export type { SandboxFaults } from "./faults.ts";
export type { SandboxClient, SandboxPublicJwk } from "./sandbox_client.ts";
export { type Sandbox, type SandboxOptions, type SandboxStats, startSandbox } from "./start_sandbox.ts";
