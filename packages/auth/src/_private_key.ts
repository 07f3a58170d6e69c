// Internal: turns a private key option (CryptoKey, PKCS#8 PEM, private JWK) into a
// non-extractable signing CryptoKey, its algorithm and its key id. Web Crypto only. Loaded on first use (through _key_reader.ts), with
// the synchronous checks passed in (see KeyChecks); generateSigningKey() shares the
// import parameters and the thumbprint.
import type { KeyChecks } from "./_key_input.ts";
import type { PrivateKeyInput, SigningAlgorithm } from "./signing_key.ts";

/** The Web Crypto parameters a key for `algorithm` is imported with (and, with a modulus, generated with). */
export function importParams(algorithm: SigningAlgorithm): RsaHashedImportParams | EcKeyImportParams {
  const bits = algorithm.slice(2);
  if (algorithm.startsWith("ES")) return { name: "ECDSA", namedCurve: bits === "512" ? "P-521" : `P-${bits}` };
  return { name: algorithm.startsWith("RS") ? "RSASSA-PKCS1-v1_5" : "RSA-PSS", hash: `SHA-${bits}` };
}

/** Base64 text of `bytes`. */
export function base64Of(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

/** The RFC 7638 thumbprint (SHA-256, base64url) of a key's public members. */
export async function thumbprint(jwk: JsonWebKey): Promise<string> {
  const members = jwk.kty === "EC" ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return base64Of(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(members))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
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

/**
 * A key option read and checked, ready for the Web Crypto import: a CryptoKey with
 * its own algorithm, the DER bytes of a PKCS#8 PEM, or a private JWK; the algorithm
 * given or stated (none for a bare PEM: the import tries each), the key id if known.
 */
export type KeyFacts =
  | { readonly format: "key"; readonly key: CryptoKey; readonly algorithm: SigningAlgorithm; readonly keyId: string | undefined }
  | {
      readonly format: "pkcs8";
      readonly der: ArrayBuffer;
      readonly algorithm: SigningAlgorithm | undefined;
      readonly keyId: string | undefined;
    }
  | {
      readonly format: "jwk";
      readonly jwk: JsonWebKey;
      readonly algorithm: SigningAlgorithm | undefined;
      readonly keyId: string | undefined;
    };

/** The DER bytes of a PKCS#8 PEM; none when its body is not base64 (every import then refuses it). */
function pemBytes({ PEM, base64Bytes }: KeyChecks, pem: string): ArrayBuffer {
  try {
    return base64Bytes((PEM.exec(pem.trim())?.[1] ?? "").replace(/\s+/g, "")).buffer;
  } catch {
    return new ArrayBuffer(0);
  }
}

/**
 * Reads a key with its `keyId` and `algorithm` options: its facts, or why it cannot
 * be used (a `privateKey` CredentialError's message; never shows key material).
 */
export function readKey(checks: KeyChecks, input: PrivateKeyInput, keyId?: string, algorithm?: SigningAlgorithm): KeyFacts | string {
  const { keyInputProblem, SIGNING_ALGORITHMS, isCryptoKey, algorithmOf, statedAlgorithm } = checks;
  const problem = keyInputProblem(input);
  if (problem !== undefined) return problem;
  if (algorithm !== undefined && !SIGNING_ALGORITHMS.includes(algorithm)) {
    return `algorithm ${JSON.stringify(algorithm)} is not one of ${SIGNING_ALGORITHMS.join(", ")}.`;
  }
  if (isCryptoKey(input)) {
    const own = algorithmOf(input);
    if (own === undefined || (algorithm !== undefined && algorithm !== own)) {
      return `the CryptoKey is for ${own ?? input.algorithm.name}, not ${algorithm ?? "a supported algorithm"}.`;
    }
    if (keyId === undefined && !input.extractable) return "a non-extractable CryptoKey needs keyId: the kid registered with the server.";
    return { format: "key", key: input, algorithm: own, keyId };
  }
  if (typeof input === "string") return { format: "pkcs8", der: pemBytes(checks, input), algorithm, keyId };
  const jwk = input as JsonWebKey & { kid?: string };
  if (jwk.alg !== undefined && algorithm !== undefined && jwk.alg !== algorithm) {
    return `the JWK says alg ${jwk.alg}, the option says ${algorithm}.`;
  }
  return { format: "jwk", jwk, algorithm: algorithm ?? statedAlgorithm(jwk), keyId: keyId ?? jwk.kid };
}

/** A key ready for oauth4webapi's PrivateKeyJwt: non-extractable, with its key id and algorithm. */
export interface ImportedKey {
  readonly key: CryptoKey;
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
}

/**
 * Imports a checked key for signing. The key id defaults to the RFC 7638 thumbprint; a
 * PEM that does not say RSA or EC is tried as RS384, then on each curve.
 *
 * @returns The key, or why it cannot be used (never showing key material).
 */
export async function importSigningKey(facts: KeyFacts): Promise<ImportedKey | string> {
  if (facts.format === "key") {
    const { key, keyId, algorithm } = facts;
    return { key, kid: keyId ?? (await thumbprint(await crypto.subtle.exportKey("jwk", key))), algorithm };
  }
  const stated = facts.algorithm;
  const candidates: readonly SigningAlgorithm[] = stated === undefined ? ["RS384", "ES256", "ES384", "ES512"] : [stated];
  for (const candidate of candidates) {
    const params = importParams(candidate);
    let key: CryptoKey;
    try {
      key =
        facts.format === "pkcs8"
          ? await crypto.subtle.importKey("pkcs8", facts.der, params, true, ["sign"])
          : await importPrivateJwk(facts.jwk, params, true);
    } catch {
      continue;
    }
    const jwk = facts.format === "pkcs8" ? await crypto.subtle.exportKey("jwk", key) : facts.jwk;
    const kid = facts.keyId ?? (await thumbprint(jwk));
    // Keep only a non-extractable copy: the key cannot be exported from this process again.
    return { key: await importPrivateJwk(jwk, params, false), kid, algorithm: candidate };
  }
  return stated === undefined
    ? "the PEM is not an RSA or EC (P-256, P-384, P-521) private key."
    : `the key cannot be used for ${stated}: check the key type, its curve and the algorithm option.`;
}
