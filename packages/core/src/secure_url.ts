/**
 * Whether `hostname` (as `URL` gives it: lower case, IPv6 in brackets) is a
 * loopback IP literal: `127.0.0.0/8` or `[::1]`.
 *
 * @param hostname A URL's `hostname`.
 * @returns `true` for a loopback address.
 *
 * @example A loopback address
 * ```ts
 * import { isLoopbackIp } from "@cadasto/core";
 * console.log(isLoopbackIp(new URL("http://127.0.0.1:8080").hostname)); // true
 * ```
 */
export function isLoopbackIp(hostname: string): boolean {
  return hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether `hostname` is a localhost name in the sense of RFC 6761 §6.3:
 * `localhost` or a name under it (`api.localhost`). Browsers resolve those
 * to loopback themselves; other runtimes ask the operating system, which may
 * send `*.localhost` to DNS. {@linkcode isLoopbackHost} therefore accepts only
 * `localhost` itself.
 *
 * @param hostname A URL's `hostname`.
 * @returns `true` for `localhost` and `*.localhost`.
 *
 * @example A name under localhost
 * ```ts
 * import { isLocalhostName } from "@cadasto/core";
 * console.log(isLocalhostName("api.localhost")); // true
 * ```
 */
export function isLocalhostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost");
}

/**
 * The hosts on which the SDK sends a secret or a token over plain http:
 * a loopback IP literal (`127.0.0.0/8`, `[::1]`) or the name `localhost`.
 * Not `*.localhost`: Node, Deno and Bun resolve it through the operating
 * system, and glibc asks DNS for it, so whether it reaches loopback depends on
 * the resolver (RFC 6761 says SHOULD, not MUST) — a secret must not.
 *
 * @param hostname A URL's `hostname`.
 * @returns `true` when http to that host stays on this machine.
 *
 * @example localhost is loopback, api.localhost is not
 * ```ts
 * import { isLoopbackHost } from "@cadasto/core";
 * console.log(isLoopbackHost("localhost"), isLoopbackHost("api.localhost")); // true false
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || isLoopbackIp(host);
}

/**
 * Whether a URL may carry a secret or a token: https, or http on a
 * loopback host ({@linkcode isLoopbackHost}).
 *
 * @param url A parsed URL.
 * @returns `true` for https, and for http on a loopback host.
 *
 * @example Check an endpoint before sending a secret to it
 * ```ts
 * import { isSecureUrl } from "@cadasto/core";
 * console.log(isSecureUrl(new URL("http://127.0.0.1:4000/token"))); // true
 * console.log(isSecureUrl(new URL("http://auth.example.com/token"))); // false
 * ```
 */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}

/**
 * The rule of {@linkcode isSecureUrl} as a sentence, for error messages.
 *
 * @example End a refusal with the rule
 * ```ts
 * import { SECURE_URL_RULE } from "@cadasto/core";
 * console.log(`refused: ${SECURE_URL_RULE}`);
 * ```
 */
export const SECURE_URL_RULE: string = "use https (http is allowed only for 127.0.0.0/8, [::1] and localhost)";
