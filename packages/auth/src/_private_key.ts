// Internal: turns a private key option (CryptoKey, PKCS#8 PEM, private JWK) into a
// non-extractable signing CryptoKey, its algorithm and its key id. Web Crypto only.
import { PRIVATE_JWK_MEMBERS } from "@cadasto/core";
import { CredentialError } from "./credential_error.ts";
import type { PrivateKeyInput, SigningAlgorithm } from "./signing_key.ts";

/** The algorithms and the Web Crypto parameters each imports with. */
const PARAMS: Readonly<Record<SigningAlgorithm, RsaHashedImportParams | EcKeyImportParams>> = {
  RS256: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  RS384: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-384" },
  RS512: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-512" },
  PS256: { name: "RSA-PSS", hash: "SHA-256" },
  PS384: { name: "RSA-PSS", hash: "SHA-384" },
  PS512: { name: "RSA-PSS", hash: "SHA-512" },
  ES256: { name: "ECDSA", namedCurve: "P-256" },
  ES384: { name: "ECDSA", namedCurve: "P-384" },
  ES512: { name: "ECDSA", namedCurve: "P-521" },
};

/** Every supported algorithm name. */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = Object.keys(PARAMS) as SigningAlgorithm[];

const CURVE_ALGORITHM: Readonly<Record<string, SigningAlgorithm>> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };
const PEM = /^-----BEGIN PRIVATE KEY-----\s+([A-Za-z0-9+/=\s]+?)\s*-----END PRIVATE KEY-----\s*$/;

/** A key ready for oauth4webapi's PrivateKeyJwt. */
export interface ImportedKey {
  readonly key: CryptoKey;
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
}

const invalid = (why: string): CredentialError => new CredentialError("invalid_credential", "privateKey", why);

/** The form of a key input, or why it is not one; sync, for checks at construction (never shows key material). */
export function keyInputProblem(input: unknown): string | undefined {
  if (typeof CryptoKey !== "undefined" && input instanceof CryptoKey) {
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
  if (typeof CryptoKey !== "undefined" && input instanceof CryptoKey) return algorithmOf(input);
  const jwk = input as JsonWebKey;
  if (jwk.alg !== undefined) return (SIGNING_ALGORITHMS as readonly string[]).includes(jwk.alg) ? (jwk.alg as SigningAlgorithm) : undefined;
  return jwk.kty === "EC" ? CURVE_ALGORITHM[jwk.crv ?? ""] : "RS384";
}

function algorithmOf(key: CryptoKey): SigningAlgorithm | undefined {
  const { name, hash, namedCurve } = key.algorithm as { name: string; hash?: { name: string }; namedCurve?: string };
  if (name === "ECDSA") return CURVE_ALGORITHM[namedCurve ?? ""];
  const bits = hash?.name.replace("SHA-", "");
  if (name === "RSASSA-PKCS1-v1_5") return `RS${bits}` as SigningAlgorithm;
  if (name === "RSA-PSS") return `PS${bits}` as SigningAlgorithm;
  return undefined;
}

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The RFC 7638 thumbprint (SHA-256, base64url) of a key's public members. */
export async function thumbprint(jwk: JsonWebKey): Promise<string> {
  const members = jwk.kty === "EC" ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(members))));
}

/** The public JWK of a private JWK: its private members dropped. */
export function publicJwkOf(jwk: JsonWebKey): JsonWebKey {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of [...PRIVATE_JWK_MEMBERS, "key_ops", "ext"]) delete copy[member];
  return copy as JsonWebKey;
}

function pkcs8(pem: string): ArrayBuffer {
  const body = (PEM.exec(pem.trim())?.[1] ?? "").replace(/\s+/g, "");
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Imports a private JWK for signing; Web Crypto checks alg, key_ops and ext against its own parameters, so they are left out. */
export function importPrivateJwk(
  jwk: JsonWebKey,
  params: RsaHashedImportParams | EcKeyImportParams,
  extractable: boolean,
): Promise<CryptoKey> {
  const { alg: _alg, key_ops: _ops, ext: _ext, ...material } = jwk;
  return crypto.subtle.importKey("jwk", material, params, extractable, ["sign"]);
}

function tryImport(
  format: "pkcs8" | "jwk",
  data: ArrayBuffer | JsonWebKey,
  algorithm: SigningAlgorithm,
  extractable: boolean,
): Promise<CryptoKey> {
  const params = PARAMS[algorithm];
  return format === "pkcs8"
    ? crypto.subtle.importKey("pkcs8", data as ArrayBuffer, params, extractable, ["sign"])
    : importPrivateJwk(data as JsonWebKey, params, extractable);
}

/**
 * Imports a key for signing. `algorithm` and `keyId` default from the key: a
 * CryptoKey's algorithm, a JWK's `alg`/`kid`, an RSA PEM as RS384, an EC PEM by
 * its curve; the key id else as the RFC 7638 thumbprint. Errors never show key material.
 */
export async function importSigningKey(input: PrivateKeyInput, keyId?: string, algorithm?: SigningAlgorithm): Promise<ImportedKey> {
  const problem = keyInputProblem(input);
  if (problem !== undefined) throw invalid(problem);
  if (algorithm !== undefined && !SIGNING_ALGORITHMS.includes(algorithm)) {
    throw invalid(`algorithm ${JSON.stringify(algorithm)} is not one of ${SIGNING_ALGORITHMS.join(", ")}.`);
  }
  if (typeof CryptoKey !== "undefined" && input instanceof CryptoKey) {
    const own = algorithmOf(input);
    if (own === undefined || (algorithm !== undefined && algorithm !== own)) {
      throw invalid(`the CryptoKey is for ${own ?? input.algorithm.name}, not ${algorithm ?? "a supported algorithm"}.`);
    }
    const kid = keyId ?? (input.extractable ? await thumbprint(await crypto.subtle.exportKey("jwk", input)) : undefined);
    if (kid === undefined) throw invalid("a non-extractable CryptoKey needs keyId: the kid registered with the server.");
    return { key: input, kid, algorithm: own };
  }
  const format = typeof input === "string" ? "pkcs8" : "jwk";
  const data = typeof input === "string" ? pkcs8(input) : (input as JsonWebKey);
  const stated = algorithm ?? statedAlgorithm(input);
  if (
    typeof input !== "string" &&
    (input as JsonWebKey).alg !== undefined &&
    algorithm !== undefined &&
    (input as JsonWebKey).alg !== algorithm
  ) {
    throw invalid(`the JWK says alg ${(input as JsonWebKey).alg}, the option says ${algorithm}.`);
  }
  // A PEM does not say RSA or EC: try RS384, then each curve.
  const candidates: readonly SigningAlgorithm[] = stated === undefined ? ["RS384", "ES256", "ES384", "ES512"] : [stated];
  for (const candidate of candidates) {
    let key: CryptoKey;
    try {
      key = await tryImport(format, data, candidate, true);
    } catch {
      continue;
    }
    const jwk = typeof input === "string" ? await crypto.subtle.exportKey("jwk", key) : (input as JsonWebKey);
    const kid = keyId ?? (jwk as { kid?: string }).kid ?? (await thumbprint(jwk));
    // Keep only a non-extractable copy: the key cannot be exported from this process again.
    return { key: await tryImport("jwk", jwk, candidate, false), kid, algorithm: candidate };
  }
  throw invalid(
    stated === undefined
      ? "the PEM is not an RSA or EC (P-256, P-384, P-521) private key."
      : `the key cannot be used for ${stated}: check the key type, its curve and the algorithm option.`,
  );
}
