/**
 * The JWK members that hold private key material (RFC 7518 §6.2.2, §6.3.2,
 * §6.4.1): `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth` and the symmetric `k`.
 *
 * @example Strip them to get the public key
 * ```ts
 * import { PRIVATE_JWK_MEMBERS } from "@cadasto/core";
 * declare const jwk: Record<string, unknown>;
 * const publicJwk = Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_JWK_MEMBERS.includes(name)));
 * console.log(publicJwk);
 * ```
 */
export const PRIVATE_JWK_MEMBERS: readonly string[] = /* @__PURE__ */ Object.freeze(["d", "p", "q", "dp", "dq", "qi", "oth", "k"]);

/**
 * The first private member a JWK holds, to refuse a private key where only a
 * public one belongs (a JWKS to register, a client's metadata).
 *
 * @param jwk A JWK (any object).
 * @returns The member's name, or `undefined` for a public key.
 *
 * @example Refuse a private key sent for registration
 * ```ts
 * import { privateJwkMember } from "@cadasto/core";
 * const member = privateJwkMember({ kty: "EC", crv: "P-384", x: "…", y: "…", d: "…" });
 * if (member !== undefined) console.error(`holds the private member "${member}": send only the public key`);
 * ```
 */
export function privateJwkMember(jwk: object): string | undefined {
  return PRIVATE_JWK_MEMBERS.find((member) => member in jwk);
}
