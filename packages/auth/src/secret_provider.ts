/**
 * Returns the current client secret, called when a token is requested (and
 * once more after an `invalid_client` answer), so a rotated secret is picked
 * up without a restart. Its result is used for that one request and not kept.
 *
 * @example Read a secret mounted by Kubernetes or Docker on each token request
 * ```ts
 * import type { SecretProvider } from "@cadasto/auth";
 * declare function readSecretFile(path: string): Promise<string>;
 * const clientSecret: SecretProvider = async () => (await readSecretFile("/run/secrets/cadasto")).trim();
 * console.log(typeof clientSecret);
 * ```
 */
export type SecretProvider = () => string | PromiseLike<string>;
