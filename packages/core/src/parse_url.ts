import { isSecureUrl, SECURE_URL_RULE } from "./secure_url.ts";

/**
 * Parses `value` (a string or a `URL`) as an absolute URL.
 *
 * @param value Anything.
 * @returns A new `URL`, or `undefined` when `value` is not an absolute URL.
 *
 * @example Parse a value that may not be a URL
 * ```ts
 * import { tryParseUrl } from "@cadasto/core";
 * console.log(tryParseUrl("https://acme.auth.prod.cadasto.io")?.host, tryParseUrl("acme")); // acme.auth.prod.cadasto.io undefined
 * ```
 */
export function tryParseUrl(value: unknown): URL | undefined {
  const text = value instanceof URL ? value.href : value;
  if (typeof text !== "string") return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with a URL's form, as {@linkcode urlProblem} reports it:
 * `unsupported_scheme` (not http or https), `credentials` (`user:password@`),
 * `query`, `fragment`, `insecure` (http on a host that is not loopback).
 *
 * @example Type a problem code
 * ```ts
 * import type { UrlProblemCode } from "@cadasto/core";
 * const code: UrlProblemCode = "insecure";
 * console.log(code);
 * ```
 */
export type UrlProblemCode =
  /** The URL's scheme is not http or https: write it as `https://…`. */
  | "unsupported_scheme"
  /** The URL carries a user name or password (`user:password@`): remove them; credentials never belong in a URL. */
  | "credentials"
  /** The URL has a `?query` where a base URL is expected: remove it. */
  | "query"
  /** The URL has a `#fragment` where a base URL is expected: remove it. */
  | "fragment"
  /** The URL uses http on a host that is not loopback: use https (http only for 127.0.0.1, [::1] and localhost). */
  | "insecure";

/**
 * A problem found by {@linkcode urlProblem}: a code and a clause that ends a
 * sentence starting with the field's name ("baseUrl contains a fragment …").
 *
 * @example Read the problem of a URL
 * ```ts
 * import { type UrlProblem, urlProblem } from "@cadasto/core";
 * const problem: UrlProblem | undefined = urlProblem(new URL("ftp://example.com"));
 * console.log(problem?.code); // unsupported_scheme
 * ```
 */
export interface UrlProblem {
  /** What is wrong. */
  readonly code: UrlProblemCode;
  /** e.g. `"contains a fragment (#…); remove it"`. */
  readonly message: string;
}

/** Options of {@linkcode urlProblem}. */
export interface UrlProblemOptions {
  /** Accept a query (`?…`); default `false`. */
  readonly allowQuery?: boolean;
}

/**
 * Checks the form every URL the SDK sends to must have: http(s), no
 * credentials, no fragment, no query unless allowed, and https unless the host
 * is loopback (see {@linkcode isSecureUrl}). The first problem wins, in that order.
 *
 * @param url A parsed URL.
 * @param options `allowQuery`.
 * @returns The first problem, or `undefined` when the URL is fine.
 *
 * @example Refuse a base URL with a query
 * ```ts
 * import { urlProblem } from "@cadasto/core";
 * const problem = urlProblem(new URL("https://acme.api.prod.cadasto.io/openehr/v1?x=1"));
 * if (problem) console.error(`baseUrl ${problem.message}.`);
 * ```
 */
export function urlProblem(url: URL, options: UrlProblemOptions = {}): UrlProblem | undefined {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { code: "unsupported_scheme", message: `uses ${url.protocol} (only https is allowed)` };
  }
  if (url.username !== "" || url.password !== "") {
    return { code: "credentials", message: "contains credentials (user:password@); remove them" };
  }
  if (url.hash !== "") return { code: "fragment", message: "contains a fragment (#…); remove it" };
  if (url.search !== "" && options.allowQuery !== true) return { code: "query", message: "contains a query (?…); remove it" };
  if (!isSecureUrl(url)) return { code: "insecure", message: `uses http on a host that is not loopback: ${SECURE_URL_RULE}` };
  return undefined;
}
