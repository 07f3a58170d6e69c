import { RestClientError } from "./rest_client_error.ts";

/**
 * What an openEHR write answers with (`Prefer: return=…`): nothing
 * (`minimal`), the identifier, or the whole resource (`representation`).
 *
 * @example Ask for the stored composition back
 * ```ts
 * import type { PreferReturn } from "@cadasto/rest";
 * const wanted: PreferReturn = "representation";
 * console.log(wanted);
 * ```
 */
export type PreferReturn = "minimal" | "identifier" | "representation";

/**
 * The `Prefer` header value for a write. openEHR's default may change
 * between spec versions, so clients always send one.
 *
 * @param value `minimal`, `identifier` or `representation`.
 * @returns `return=<value>`.
 * @throws {RestClientError} `invalid_option` (field `prefer`) for another value.
 *
 * @example A write that answers with the resource
 * ```ts
 * import { prefer } from "@cadasto/rest";
 * const headers = { prefer: prefer("representation") };
 * console.log(headers.prefer); // "return=representation"
 * ```
 */
export function prefer(value: PreferReturn): `return=${PreferReturn}` {
  if (value !== "minimal" && value !== "identifier" && value !== "representation") {
    throw new RestClientError("invalid_option", `prefer "${String(value)}" is unknown: use "minimal", "identifier" or "representation".`, {
      field: "prefer",
    });
  }
  return `return=${value}`;
}
