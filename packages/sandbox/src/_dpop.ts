// Internal: checks a DPoP proof (RFC 9449 §4.3) sent with a DPoP-bound access token
// on an API request: signature by the embedded key, htm, htu, a recent iat, a jti not
// seen before, ath (the token's hash) and the key's thumbprint against the token's cnf.jkt.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from "jose";

/** The proof algorithms the sandbox accepts (token endpoint and API alike). */
export const DPOP_ALGORITHMS: readonly string[] = [
  "ES256",
  "ES384",
  "ES512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "EdDSA",
];

const WINDOW_SECONDS = 60;

/** Builds a checker that returns why a request's DPoP proof fails, or `undefined` when it holds. */
export function dpopChecker(base: string): (req: IncomingMessage, token: string, jkt: string) => Promise<string | undefined> {
  const seen = new Map<string, number>();
  return async (req, token, jkt) => {
    const proof = req.headers.dpop;
    if (typeof proof !== "string" || proof === "") return "a DPoP-bound token needs a DPoP proof header";
    let header: { jwk?: unknown };
    let payload: Record<string, unknown>;
    try {
      ({ protectedHeader: header, payload } = await jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt", algorithms: [...DPOP_ALGORITHMS] }));
    } catch {
      return "the DPoP proof is not a valid dpop+jwt signed by its embedded key";
    }
    const now = Math.floor(Date.now() / 1000);
    const url = new URL(req.url ?? "/", base);
    url.search = "";
    const htu = typeof payload.htu === "string" ? URL.parse(payload.htu) : null;
    if (htu !== null) htu.search = htu.hash = "";
    if (payload.htm !== req.method) return "the DPoP proof's htm is not this request's method";
    if (htu?.href !== url.href) return "the DPoP proof's htu is not this request's URL";
    if (typeof payload.iat !== "number" || Math.abs(now - payload.iat) > WINDOW_SECONDS) return "the DPoP proof's iat is not recent";
    if (payload.ath !== createHash("sha256").update(token).digest("base64url")) return "the DPoP proof's ath is not the hash of this token";
    if ((await calculateJwkThumbprint(header.jwk as never)) !== jkt)
      return "the DPoP proof is signed by another key than the token is bound to";
    if (typeof payload.jti !== "string" || seen.has(payload.jti)) return "the DPoP proof's jti was used before";
    for (const [jti, until] of seen) if (until < now) seen.delete(jti);
    seen.set(payload.jti, now + WINDOW_SECONDS * 2);
    return undefined;
  };
}
