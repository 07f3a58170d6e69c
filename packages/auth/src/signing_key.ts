/**
 * The JWS algorithms a `private_key_jwt` assertion can be signed with. SMART
 * Backend Services requires servers to accept `RS384` and `ES384`.
 *
 * @example Pick SMART's elliptic-curve algorithm
 * ```ts
 * import type { SigningAlgorithm } from "@cadasto/auth";
 * const algorithm: SigningAlgorithm = "ES384";
 * console.log(algorithm);
 * ```
 */
export type SigningAlgorithm = "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512";

/**
 * A private key in one of the forms {@linkcode clientCredentials} accepts: a
 * Web Crypto `CryptoKey` (type `private`, usage `sign`), a PKCS#8 PEM string
 * (`-----BEGIN PRIVATE KEY-----`), or a private JWK (with `d`).
 *
 * @example A key read from a PEM file by the caller
 * ```ts
 * import type { PrivateKeyInput } from "@cadasto/auth";
 * declare const pem: string;
 * const key: PrivateKeyInput = pem;
 * console.log(typeof key);
 * ```
 */
export type PrivateKeyInput = CryptoKey | string | JsonWebKey;

/**
 * A private key with the key id (`kid`) the server knows it by and, where
 * the key does not say, its algorithm: what a {@linkcode KeyProvider}
 * returns when the id changes with the key.
 *
 * @example A rotated key and its new id
 * ```ts
 * import type { SigningKey } from "@cadasto/auth";
 * declare const pem: string;
 * const key: SigningKey = { privateKey: pem, keyId: "2027-01", algorithm: "ES384" };
 * console.log(key.keyId);
 * ```
 */
export interface SigningKey {
  /** The private key. */
  readonly privateKey: PrivateKeyInput;
  /** The `kid` registered with the server; default the JWK's `kid`, else its RFC 7638 thumbprint. */
  readonly keyId?: string | undefined;
  /** The algorithm; default from the key (RSA: `RS384`, EC: by curve, a JWK's `alg`). */
  readonly algorithm?: SigningAlgorithm | undefined;
}

/**
 * Returns the current private key, called when a token is requested (and
 * once more after an `invalid_client` answer), so a rotated key is picked up
 * without a restart: read it from a file, a vault or a secret manager.
 *
 * @example Read the key from a mounted file on each token request
 * ```ts
 * import type { KeyProvider } from "@cadasto/auth";
 * declare function readSecretFile(path: string): Promise<string>;
 * const privateKey: KeyProvider = () => readSecretFile("/run/secrets/cadasto-key.pem");
 * console.log(typeof privateKey);
 * ```
 */
export type KeyProvider = () => PrivateKeyInput | SigningKey | PromiseLike<PrivateKeyInput | SigningKey>;
