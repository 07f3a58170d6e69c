import { readFile } from "node:fs/promises";
import { type CadastoEnv, cadastoFromEnv as fromEnv } from "../cadasto_from_env.ts";

/**
 * Options of `@cadasto/auth/node`'s {@linkcode cadastoFromEnv}.
 *
 * @example Fall back to something else when nothing is configured
 * ```ts
 * import { cadastoFromEnv, type NodeCadastoFromEnvOptions } from "@cadasto/auth/node";
 * const options: NodeCadastoFromEnvOptions = { optional: true };
 * console.log(cadastoFromEnv(process.env, options) ?? "no CADASTO_* variables: using the sandbox");
 * ```
 */
export interface NodeCadastoFromEnvOptions {
  /** Return `undefined` instead of throwing when no `CADASTO_*` variable is set. */
  readonly optional?: boolean | undefined;
}

/**
 * `@cadasto/auth`'s `cadastoFromEnv` for Node (and runtimes with
 * `node:fs`): the same checks, with `CADASTO_CLIENT_SECRET_FILE` and
 * `CADASTO_PRIVATE_KEY_FILE` read from disk on each token request — so a
 * secret that Kubernetes or Docker re-mounts after a rotation is picked up
 * without a restart. A missing or unreadable file fails the token request
 * with a `CredentialError` (`provider_failed`) whose cause says why.
 *
 * @param env The variables; default `process.env`.
 * @param options `optional` to get `undefined` when no `CADASTO_*` variable is set.
 * @returns The auth URL, API URL and client credentials, as the main entry's `cadastoFromEnv`.
 * @throws {CadastoEnvError} Listing every problem with the variables, each by name.
 *
 * @example A service configured by a mounted secret
 * ```ts
 * import { clientCredentials } from "@cadasto/auth";
 * import { cadastoFromEnv } from "@cadasto/auth/node";
 * import { discoverEndpoints } from "@cadasto/discovery";
 * // CADASTO_TENANT=acme CADASTO_CLIENT_ID=lab-sync CADASTO_CLIENT_SECRET_FILE=/run/secrets/cadasto
 * const env = cadastoFromEnv();
 * const { configuration, apiBaseUrl } = await discoverEndpoints(env.endpoints);
 * const tokens = clientCredentials({ discovery: configuration, audience: apiBaseUrl, ...env.credentials });
 * console.log((await tokens.getToken()).expiresAt);
 * ```
 */
export function cadastoFromEnv(
  env?: Readonly<Record<string, string | undefined>>,
  options?: { readonly optional?: false | undefined },
): CadastoEnv;
/**
 * Like the overload above; with `optional: true` it returns `undefined` when
 * no `CADASTO_*` variable is set, instead of throwing.
 *
 * @param env The variables to read; default `process.env`.
 * @param options `optional`.
 * @returns The configuration, or `undefined` when optional and nothing is set.
 * @throws {CadastoEnvError} When a variable is missing or malformed.
 */
export function cadastoFromEnv(
  env: Readonly<Record<string, string | undefined>> | undefined,
  options: NodeCadastoFromEnvOptions,
): CadastoEnv | undefined;
export function cadastoFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: NodeCadastoFromEnvOptions = {},
): CadastoEnv | undefined {
  return fromEnv(env, { optional: options.optional, readFile: (path) => readFile(path, "utf8") });
}
