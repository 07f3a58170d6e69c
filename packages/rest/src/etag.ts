import { RestClientError } from "./rest_client_error.ts";

/**
 * An entity tag read from an `ETag` header.
 *
 * @example Keep the version a write created
 * ```ts
 * import { parseEtag, type EntityTag } from "@cadasto/rest";
 * const tag: EntityTag | undefined = parseEtag('W/"8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::2"');
 * console.log(tag?.value, tag?.weak);
 * ```
 */
export interface EntityTag {
  /** The tag without `W/` and quotes, e.g. a version uid `{object_id}::{system}::{version}`. */
  readonly value: string;
  /** Whether it was a weak tag (`W/"…"`). */
  readonly weak: boolean;
}

/**
 * Reads an `ETag` header: `"…"` or weak `W/"…"` (RFC 9110 §8.8.3). A server
 * that forgets the quotes is read leniently (the bare value). `undefined` for
 * an absent or empty header.
 *
 * @param header The header value (`response.headers.get("etag")`).
 * @returns The tag, or `undefined`.
 *
 * @example Read a composition's new version uid
 * ```ts
 * import { parseEtag } from "@cadasto/rest";
 * console.log(parseEtag('"8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::1"')?.value);
 * ```
 */
export function parseEtag(header: string | null | undefined): EntityTag | undefined {
  let value = header?.trim() ?? "";
  const weak = value.startsWith("W/");
  if (weak) value = value.slice(2).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return value === "" ? undefined : { value, weak };
}

/**
 * The `If-Match` header value for a version: the value quoted as an entity
 * tag (`"…"`). A value already quoted (`"…"` or `W/"…"`, e.g. an `ETag` as
 * received) is kept as it is.
 *
 * @param version A version uid or entity tag value, or an {@linkcode EntityTag}.
 * @returns The header value.
 * @throws {RestClientError} `invalid_option` (field `ifMatch`) for an empty value, or one with a `"`, a control character or non-ASCII.
 *
 * @example Update only if nobody changed it
 * ```ts
 * import { ifMatch } from "@cadasto/rest";
 * const headers = { "if-match": ifMatch("8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::1") };
 * console.log(headers["if-match"]); // "\"8849182c-…::cadasto.example::1\""
 * ```
 */
export function ifMatch(version: string | EntityTag): string {
  if (typeof version === "object" && version !== null) return `${version.weak ? "W/" : ""}${quoted(version.value)}`;
  if (typeof version === "string" && /^(W\/)?"[^"]*"$/.test(version.trim())) return version.trim();
  return quoted(version);
}

function quoted(value: unknown): string {
  // etagc = %x21 / %x23-7E / obs-text; obs-text is refused too (headers are bytes).
  if (typeof value !== "string" || !/^[\x21\x23-\x7e]+$/.test(value)) {
    throw new RestClientError(
      "invalid_option",
      `ifMatch ${JSON.stringify(value)} cannot be an entity tag: pass the version uid (printable ASCII, no quotes or spaces), e.g. from the ETag of the last read.`,
      { field: "ifMatch" },
    );
  }
  return `"${value}"`;
}
