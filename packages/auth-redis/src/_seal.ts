// Internal: how a token is kept at rest in Redis. `v1.<fingerprint>.<iv>.<ciphertext>`:
// AES-256-GCM (Web Crypto) over the StoredToken's JSON, with the Redis key as
// additional data (a value copied to another key does not decrypt). The fingerprint
// (the first 128 bits of SHA-256 of the token, base64url) lets Redis drop exactly a
// refused token without seeing it; it cannot be turned back into the token.
import type { StoredToken } from "@cadasto/auth";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const b64url = (bytes: Uint8Array): string => {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};
const fromB64 = (text: string): Uint8Array => {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

/** base64url of SHA-256 of `text`, `length` characters. */
export async function digest(text: string, length = 43): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)))).slice(0, length);
}

/** The value prefix that identifies `token` (what compare-and-delete matches). */
export async function prefixOf(value: string, encrypted: boolean): Promise<string> {
  return `${encrypted ? "v1" : "p1"}.${await digest(value, 22)}.`;
}

/** Turns a key given as 32 bytes, their base64 / base64url, or an AES-GCM CryptoKey, into a CryptoKey. */
export async function importKey(key: CryptoKey | Uint8Array | string): Promise<CryptoKey> {
  if (typeof key === "object" && "algorithm" in key && "usages" in key) return key;
  const bytes = typeof key === "string" ? fromB64(key.trim()) : key;
  if (bytes.length !== 32) throw new RangeError(`must be 32 bytes (AES-256), got ${bytes.length}`);
  return crypto.subtle.importKey("raw", new Uint8Array(bytes), "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** The string kept in Redis for `token` under `redisKey`. */
export async function seal(token: StoredToken, redisKey: string, key: CryptoKey | undefined): Promise<string> {
  const json = JSON.stringify({ v: token.value, e: token.expiresAt, r: token.renewAt, s: token.scope, t: token.tokenType });
  const prefix = await prefixOf(token.value, key !== undefined);
  if (key === undefined) return `${prefix}${b64url(encoder.encode(json))}`;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const additionalData = encoder.encode(redisKey);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, encoder.encode(json));
  return `${prefix}${b64url(iv)}.${b64url(new Uint8Array(sealed))}`;
}

/** The token in a value from Redis; throws when it cannot be read (another key, tampered, another format). */
export async function unseal(text: string, redisKey: string, key: CryptoKey | undefined): Promise<StoredToken> {
  const parts = text.split(".");
  let json: string;
  if (key === undefined) {
    if (parts[0] !== "p1" || parts.length !== 3)
      throw new Error(`the stored value is not a plaintext token (${parts[0]}): is another store encrypting with this prefix?`);
    json = decoder.decode(fromB64(parts[2] as string));
  } else {
    if (parts[0] !== "v1" || parts.length !== 4)
      throw new Error(`the stored value is not an encrypted token (${parts[0]}): is another store writing plaintext with this prefix?`);
    const iv = fromB64(parts[2] as string);
    const data = fromB64(parts[3] as string);
    let plain: ArrayBuffer;
    try {
      plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: new Uint8Array(iv), additionalData: encoder.encode(redisKey) },
        key,
        new Uint8Array(data),
      );
    } catch {
      throw new Error("the stored token does not decrypt: every instance must use the same encryptionKey");
    }
    json = decoder.decode(plain);
  }
  const o = JSON.parse(json) as Record<string, unknown>;
  const { v, e, r, s, t } = o;
  if (typeof v !== "string" || typeof e !== "number" || typeof r !== "number" || typeof t !== "string" || !Array.isArray(s)) {
    throw new Error("the stored token has an unknown shape");
  }
  return { value: v, expiresAt: e, renewAt: r, scope: s.map(String), tokenType: t };
}
