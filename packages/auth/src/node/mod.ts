/**
 * The Node-only part of `@cadasto/auth`: {@linkcode cadastoFromEnv} that also
 * reads `CADASTO_CLIENT_SECRET_FILE` and `CADASTO_PRIVATE_KEY_FILE` from disk.
 * The main entry stays free of Node built-ins, for browser bundles and edge runtimes.
 *
 * @example Tokens from the environment, secret from a mounted file
 * ```ts
 * import { clientCredentials } from "@cadasto/auth";
 * import { cadastoFromEnv } from "@cadasto/auth/node";
 * import { discover } from "@cadasto/discovery";
 * const env = cadastoFromEnv();
 * const config = await discover(env.authBaseUrl);
 * const tokens = clientCredentials({ discovery: config, audience: env.apiBaseUrl ?? "", ...env.credentials });
 * console.log((await tokens.getToken()).scope);
 * ```
 *
 * @module
 */

export { cadastoFromEnv, type NodeCadastoFromEnvOptions } from "./cadasto_from_env.ts";
