/**
 * A UUID in its canonical text form, 8-4-4-4-12 hexadecimal digits, any
 * case (RFC 9562 §4: generators write lower case, readers accept both). Any
 * version and variant: servers choose. Anchored; no `g` flag, so `test()`
 * keeps no state.
 *
 * @example Check a version uid
 * ```ts
 * import { UUID_PATTERN } from "@cadasto/core";
 * console.log(UUID_PATTERN.test("8849182C-82AD-4088-A07F-48EAD4180515")); // true
 * ```
 */
export const UUID_PATTERN: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` is a string holding one UUID (see {@linkcode UUID_PATTERN}).
 *
 * @param value Anything.
 * @returns `true` for a UUID string in any case.
 *
 * @example Tell a version suffix from part of a template id
 * ```ts
 * import { isUuid } from "@cadasto/core";
 * console.log(isUuid("8849182c-82ad-4088-a07f-48ead4180515"), isUuid("vitals.v1")); // true false
 * ```
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
