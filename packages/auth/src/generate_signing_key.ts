import { PRIVATE_JWK_MEMBERS, redactFields } from "@cadasto/core";
import { SIGNING_ALGORITHMS } from "./_key_input.ts";
import { base64Of, importParams, importPrivateJwk, thumbprint } from "./_private_key.ts";
import type { SigningAlgorithm } from "./signing_key.ts";

/**
 * A public key as registered with the server: a JWK with its `kid`, `alg` and `use: "sig"`.
 *
 * @example Print the key id
 * ```ts
 * import type { PublicSigningJwk } from "@cadasto/auth";
 * declare const jwk: PublicSigningJwk;
 * console.log(jwk.kid, jwk.alg);
 * ```
 */
export type PublicSigningJwk = JsonWebKey & { readonly kid: string; readonly alg: SigningAlgorithm; readonly use: "sig" };

/**
 * A new key pair from {@linkcode generateSigningKey}. The private key's PEM
 * shows as `[redacted]` in `JSON.stringify` and `util.inspect`.
 *
 * @example Register the public half, keep the private half
 * ```ts
 * import type { GeneratedSigningKey } from "@cadasto/auth";
 * declare const key: GeneratedSigningKey;
 * console.log(JSON.stringify(key.jwks)); // send this to Cadasto
 * console.log(key.privateKeyPem.length > 0); // store this in your secret manager
 * ```
 */
export interface GeneratedSigningKey {
  /** The algorithm the key signs with. */
  readonly algorithm: SigningAlgorithm;
  /** The key id: the RFC 7638 thumbprint of the public key unless one was given. */
  readonly keyId: string;
  /** The private key as a non-extractable `CryptoKey`, ready for `clientCredentials({ privateKey })`. */
  readonly privateKey: CryptoKey;
  /** The private key as PKCS#8 PEM, to store in a secret manager or a file only the service can read. */
  readonly privateKeyPem: string;
  /** The public key, to register. */
  readonly publicJwk: PublicSigningJwk;
  /** `{ keys: [publicJwk] }`: the JWKS to register (add the next key to it when you rotate). */
  readonly jwks: { readonly keys: readonly PublicSigningJwk[] };
}

/**
 * Options of {@linkcode generateSigningKey}.
 *
 * @example An RSA key with a chosen id
 * ```ts
 * import { type GenerateSigningKeyOptions, generateSigningKey } from "@cadasto/auth";
 * const options: GenerateSigningKeyOptions = { algorithm: "RS384", keyId: "lab-sync-2027-01" };
 * console.log((await generateSigningKey(options)).keyId);
 * ```
 */
export interface GenerateSigningKeyOptions {
  /** Default `ES384` (SMART Backend Services requires servers to accept `ES384` and `RS384`). */
  readonly algorithm?: SigningAlgorithm | undefined;
  /** Default: the RFC 7638 thumbprint of the public key. */
  readonly keyId?: string | undefined;
}

/** RSA keys are made with a 2048-bit modulus and the exponent 65537. */
const RSA_MODULUS = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };

/** The public JWK of a private JWK: its private members dropped. */
function publicJwkOf(jwk: JsonWebKey): JsonWebKey {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of [...PRIVATE_JWK_MEMBERS, "key_ops", "ext"]) delete copy[member];
  return copy as JsonWebKey;
}

function pem(der: ArrayBuffer): string {
  const base64 = base64Of(der);
  return `-----BEGIN PRIVATE KEY-----\n${base64.replace(/.{64}/g, "$&\n").replace(/\n$/, "")}\n-----END PRIVATE KEY-----\n`;
}

/**
 * Generates a key pair for `private_key_jwt` (SMART Backend Services) with
 * Web Crypto: the public JWK / JWKS to register with Cadasto, and the private
 * key as a `CryptoKey` and as PKCS#8 PEM to store. The command
 * `cadasto-keygen` (in this package) does the same from a shell.
 *
 * @param options The algorithm (default `ES384`) and the key id (default the thumbprint).
 * @returns The key pair.
 * @throws {TypeError} An algorithm that is not one of `RS256`…`ES512`.
 *
 * @example Generate a key and use it
 * ```ts
 * import { clientCredentials, generateSigningKey } from "@cadasto/auth";
 * const key = await generateSigningKey({ algorithm: "ES384" });
 * console.log(JSON.stringify(key.jwks, null, 2)); // register this
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "lab-sync",
 *   privateKey: key.privateKey,
 *   keyId: key.keyId,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 * });
 * console.log(typeof tokens.getToken);
 * ```
 */
export async function generateSigningKey(options: GenerateSigningKeyOptions = {}): Promise<GeneratedSigningKey> {
  const algorithm = options.algorithm ?? "ES384";
  if (!SIGNING_ALGORITHMS.includes(algorithm)) {
    throw new TypeError(`algorithm must be one of ${SIGNING_ALGORITHMS.join(", ")}, got ${JSON.stringify(algorithm)}.`);
  }
  const imported = importParams(algorithm);
  const params: RsaHashedKeyGenParams | EcKeyGenParams = "hash" in imported ? { ...imported, ...RSA_MODULUS } : imported;
  const pair = (await crypto.subtle.generateKey(params, true, ["sign", "verify"])) as CryptoKeyPair;
  const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const keyId = options.keyId ?? (await thumbprint(privateJwk));
  const publicJwk = { ...publicJwkOf(privateJwk), kid: keyId, alg: algorithm, use: "sig" } as PublicSigningJwk;
  const privateKey = await importPrivateJwk(privateJwk, params, false);
  return redactFields(
    {
      algorithm,
      keyId,
      privateKey,
      privateKeyPem: pem(await crypto.subtle.exportKey("pkcs8", pair.privateKey)),
      publicJwk,
      jwks: { keys: [publicJwk] },
    },
    ["privateKeyPem"],
  );
}
