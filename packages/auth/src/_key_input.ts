// Internal: the synchronous checks of a private key option (its form, the algorithm it
// states), run at clientCredentials() construction, before any request; reading and
// importing the key (_key_reader.ts, _private_key.ts) load on first use and share them
// (with the base64 decoder, which the JWT claims reader uses too).
import { base64Bytes } from "./_base64.ts";
import type { PrivateKeyInput, SigningAlgorithm } from "./signing_key.ts";

/** Every supported algorithm name: RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA, each with SHA-256, -384 and -512. */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ["RS", "PS", "ES"].flatMap((family) =>
  [256, 384, 512].map((bits) => `${family}${bits}` as SigningAlgorithm),
);

/** The algorithm of each EC curve. */
const CURVE_ALGORITHM: Readonly<Record<string, SigningAlgorithm>> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };

/** An unencrypted PKCS#8 PEM; group 1 is its base64 body. */
export const PEM: RegExp = /^-----BEGIN PRIVATE KEY-----\s+([A-Za-z0-9+/=\s]+?)\s*-----END PRIVATE KEY-----\s*$/;

/** Whether `input` is a Web Crypto key (false where the runtime has no `CryptoKey`). */
export const isCryptoKey = (input: unknown): input is CryptoKey => typeof CryptoKey !== "undefined" && input instanceof CryptoKey;

/** The form of a key input, or why it is not one; sync, for checks at construction (never shows key material). */
export function keyInputProblem(input: unknown): string | undefined {
  if (isCryptoKey(input)) {
    return input.type === "private" && input.usages.includes("sign") ? undefined : 'must be a private CryptoKey with the "sign" usage.';
  }
  if (typeof input === "string") {
    if (PEM.test(input.trim())) return undefined;
    return /BEGIN (RSA |EC |ENCRYPTED )PRIVATE KEY/.test(input)
      ? "must be an unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----); convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem`."
      : "must be a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----), a private JWK or a CryptoKey.";
  }
  if (typeof input === "object" && input !== null) {
    const jwk = input as JsonWebKey;
    if (jwk.kty !== "RSA" && jwk.kty !== "EC") return 'as a JWK must have kty "RSA" or "EC".';
    return typeof jwk.d === "string" ? undefined : "is a public JWK (no d): give the private key; register the public one with the server.";
  }
  return "must be a PKCS#8 PEM string, a private JWK or a CryptoKey.";
}

/** The algorithm a key states or implies without importing it, if any. */
export function statedAlgorithm(input: PrivateKeyInput): SigningAlgorithm | undefined {
  if (typeof input === "string") return undefined;
  if (isCryptoKey(input)) return algorithmOf(input);
  const jwk = input as JsonWebKey;
  if (jwk.alg !== undefined) return (SIGNING_ALGORITHMS as readonly string[]).includes(jwk.alg) ? (jwk.alg as SigningAlgorithm) : undefined;
  return jwk.kty === "EC" ? CURVE_ALGORITHM[jwk.crv ?? ""] : "RS384";
}

/** The algorithm a CryptoKey was made for, when it is one of ours. */
export function algorithmOf(key: CryptoKey): SigningAlgorithm | undefined {
  const { name, hash, namedCurve } = key.algorithm as { name: string; hash?: { name: string }; namedCurve?: string };
  if (name === "ECDSA") return CURVE_ALGORITHM[namedCurve ?? ""];
  const bits = hash?.name.replace("SHA-", "");
  if (name === "RSASSA-PKCS1-v1_5") return `RS${bits}` as SigningAlgorithm;
  if (name === "RSA-PSS") return `PS${bits}` as SigningAlgorithm;
  return undefined;
}

/**
 * These checks, as the on-demand key code (_key_reader.ts, _private_key.ts) receives them
 * from its caller: that code imports nothing of this package at run time, so a bundler
 * keeps it in one chunk instead of splitting what both use into a third one.
 */
export const KEY_CHECKS: KeyChecks = { SIGNING_ALGORITHMS, PEM, isCryptoKey, keyInputProblem, statedAlgorithm, algorithmOf, base64Bytes };

/** The type of {@linkcode KEY_CHECKS}. */
export interface KeyChecks {
  readonly SIGNING_ALGORITHMS: typeof SIGNING_ALGORITHMS;
  readonly PEM: typeof PEM;
  readonly isCryptoKey: typeof isCryptoKey;
  readonly keyInputProblem: typeof keyInputProblem;
  readonly statedAlgorithm: typeof statedAlgorithm;
  readonly algorithmOf: typeof algorithmOf;
  readonly base64Bytes: typeof base64Bytes;
}
