/**
 * Whether `value` is one OAuth 2.0 scope token (RFC 6749 §3.3:
 * `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`): printable ASCII, no
 * space, no `"` and no `\`. A scope string is such tokens joined by single
 * spaces; check each one.
 *
 * @param value One token, e.g. `"api.read"`; anything else (a number, `undefined`) is not one.
 * @returns `true` when `value` is a string holding one scope token.
 *
 * @example Check each token of a scope string
 * ```ts
 * import { isScopeToken } from "@cadasto/core";
 * console.log("api.read api.write".split(" ").every(isScopeToken)); // true
 * console.log(isScopeToken('api"read'), isScopeToken("")); // false false
 * ```
 */
export function isScopeToken(value: unknown): value is string {
  return typeof value === "string" && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(value);
}
