/**
 * What replaces a secret or a token wherever one could otherwise show.
 *
 * @example Show a hidden value
 * ```ts
 * import { REDACTED } from "@cadasto/core";
 * console.log(`clientSecret: ${REDACTED}`); // clientSecret: [redacted]
 * ```
 */
export const REDACTED = "[redacted]";

/**
 * A secret to scrub: a bare string (a token, a key), or a client secret with
 * the client id it is sent with, so that the HTTP Basic credentials and the
 * `id:secret` pair are scrubbed too.
 *
 * @example The secrets of one request
 * ```ts
 * import type { Secret } from "@cadasto/core";
 * const secrets: Secret[] = ["eyJhbGciOi…", { secret: "s3cr3t!", clientId: "my-service" }];
 * console.log(secrets.length);
 * ```
 */
export type Secret = string | { readonly secret: string; readonly clientId?: string | undefined };

/** Forms shorter than this are not scrubbed: they would blank out ordinary words. */
const MIN_LENGTH = 4;

const encoders: readonly ((text: string) => string)[] = [
  // URLs (error_uri, a redirect's query)
  encodeURIComponent,
  // application/x-www-form-urlencoded as URLSearchParams writes it
  (text) => new URLSearchParams([["", text]]).toString().slice(1),
  // RFC 6749 Appendix B as strict clients write it (every non-alphanumeric escaped, space as +)
  (text) =>
    encodeURIComponent(text)
      .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replaceAll("%20", "+"),
];

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The text with its percent escapes in lower case as well (`%2F` → `%2f`). */
function lowerEscapes(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}

/**
 * Every form in which a secret can travel in a request and come back in an
 * answer: as is; percent-encoded and form-encoded (three common encoders,
 * upper- and lower-case escapes); and, with a client id, the `id:secret` pair
 * and the HTTP Basic credentials `base64(urlencode(id):urlencode(secret))`
 * (RFC 6749 §2.3.1) and `base64(id:secret)`, each base64 also in base64url,
 * without padding and percent-encoded. Forms shorter than 4 characters are left out.
 *
 * @param secret The secret (and its client id).
 * @returns The distinct forms, longest first.
 *
 * @example The Basic credentials of a client
 * ```ts
 * import { secretForms } from "@cadasto/core";
 * const forms = secretForms({ clientId: "my-service", secret: "s3cr3t" });
 * console.log(forms.includes(btoa("my-service:s3cr3t"))); // true
 * ```
 */
export function secretForms(secret: Secret): string[] {
  const { secret: value, clientId } = typeof secret === "string" ? { secret, clientId: undefined } : secret;
  const forms = new Set<string>();
  const add = (text: string) => {
    forms.add(text);
    forms.add(lowerEscapes(text));
    for (const encode of encoders) {
      forms.add(encode(text));
      forms.add(lowerEscapes(encode(text)));
    }
  };
  if (typeof value !== "string" || value === "") return [];
  add(value);
  if (clientId !== undefined && clientId !== "") {
    const pairs = new Set([`${clientId}:${value}`, ...encoders.map((encode) => `${encode(clientId)}:${encode(value)}`)]);
    for (const pair of pairs) {
      add(pair);
      const b64 = base64(pair);
      const url = b64.replaceAll("+", "-").replaceAll("/", "_");
      for (const form of [b64, url, b64.replace(/=+$/, ""), url.replace(/=+$/, "")]) add(form);
    }
  }
  return [...forms].filter((form) => form.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Scrubs secrets from texts and values a server or a caller wrote; see
 * {@linkcode createScrubber}.
 *
 * @example Scrub a bearer token
 * ```ts
 * import { createScrubber, type Scrubber } from "@cadasto/core";
 * const scrubber: Scrubber = createScrubber(["a-token-value"]);
 * console.log(scrubber.text("echo: a-token-value")); // echo: [redacted]
 * ```
 */
export interface Scrubber {
  /**
   * Replaces every form of every secret in `text` with {@linkcode REDACTED}.
   *
   * @param text Any text, e.g. a server's `error_description`.
   * @returns The text without any secret form.
   */
  text(text: string): string;
  /**
   * A copy of a JSON-like value (strings, arrays, plain objects, nested up to
   * 32 levels) with every string and key scrubbed; other values are kept as
   * they are (an `Error` becomes `name: message`, scrubbed).
   *
   * @param value A parsed body, a challenge's parameters, a cause.
   * @returns The scrubbed copy.
   */
  value(value: unknown): unknown;
  /**
   * Whether `text` holds a form of a secret (for tests and assertions).
   *
   * @param text Any text.
   * @returns `true` when {@linkcode Scrubber.text} would change it.
   */
  leaks(text: string): boolean;
}

/**
 * Builds a scrubber for a set of secrets: every text a server sends back
 * (`error_description`, `error_uri`, the `error` code, `WWW-Authenticate`,
 * an error body) goes through it before it reaches an error, a log line or an
 * event, so that a server or proxy echoing the request cannot push a secret
 * into them in any encoding ({@linkcode secretForms}).
 *
 * @param secrets The secrets (empty strings and `undefined` are ignored).
 * @returns The scrubber.
 *
 * @example Scrub a server's description of a client_secret_basic request
 * ```ts
 * import { createScrubber } from "@cadasto/core";
 * const scrubber = createScrubber([{ clientId: "my-service", secret: "s3cr3t" }]);
 * console.log(scrubber.text(`bad header: Basic ${btoa("my-service:s3cr3t")}`)); // bad header: Basic [redacted]
 * ```
 */
export function createScrubber(secrets: readonly (Secret | undefined)[]): Scrubber {
  const forms = [...new Set(secrets.flatMap((secret) => (secret === undefined ? [] : secretForms(secret))))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (input: string): string => {
    let out = input;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === "string") return text(input);
    if (input instanceof Error) return text(`${input.name}: ${input.message}`);
    if (typeof input !== "object" || input === null || depth > 32) return input;
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
    const prototype = Object.getPrototypeOf(input);
    if (prototype !== Object.prototype && prototype !== null) return input;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) copy[text(key)] = value(item, depth + 1);
    return copy;
  };
  return { text, value: (input) => value(input), leaks: (input) => text(input) !== input };
}
