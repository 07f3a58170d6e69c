// Internal URL rules shared by the schema, discover() and openEhrBaseUrl().

import { DiscoveryError } from "./errors.ts";

/** Whether a URL's hostname is a loopback host: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Parses `value` as an absolute URL, or returns undefined. */
export function tryParseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** The problem with a URL's form, or undefined: http(s), no credentials, no fragment. */
export function urlFormProblem(url: URL): string | undefined {
  if (url.protocol !== "https:" && url.protocol !== "http:") return `uses ${url.protocol} (only https is allowed)`;
  if (url.username !== "" || url.password !== "") return "contains credentials (user:password@); remove them";
  if (url.hash !== "") return "contains a fragment (#…); remove it";
  return undefined;
}

/** Whether a URL is https, or http on a loopback host. */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}

/**
 * The requirement of the schema's "secure URL" check (true when the text does
 * not parse or is not http: other checks report those); discover() maps its issues to
 * `insecure_endpoint` by this function's identity.
 */
export function isSecureUrlText(value: string): boolean {
  const url = tryParseUrl(value);
  return url === undefined || url.protocol !== "http:" || isSecureUrl(url);
}

const INSECURE = "uses http on a host that is not loopback: use https (http is allowed only for 127.0.0.0/8, ::1 and localhost)";

/**
 * Checks a URL given by the caller before any request; returns it parsed.
 * `field` names the argument in the error message. The value is not echoed
 * when it carries credentials.
 */
export function checkCallerUrl(value: unknown, field: string, options: { allowQuery?: boolean } = {}): URL {
  const text = value instanceof URL ? value.href : value;
  if (typeof text !== "string" || text.trim() === "") {
    throw new DiscoveryError("invalid_url", `${field} must be an absolute https URL, got ${describe(value)}.`);
  }
  const url = tryParseUrl(text.trim());
  if (url === undefined) {
    throw new DiscoveryError("invalid_url", `${field} is not an absolute URL: ${JSON.stringify(text)}. Give e.g. "https://acme.auth.prod.cadasto.io".`);
  }
  const problem = urlFormProblem(url) ?? (options.allowQuery || url.search === "" ? undefined : "contains a query (?…); remove it");
  if (problem !== undefined) {
    const shown = url.username !== "" || url.password !== "" ? "" : ` (${url.href})`;
    throw new DiscoveryError("invalid_url", `${field}${shown} ${problem}.`);
  }
  if (!isSecureUrl(url)) {
    throw new DiscoveryError("insecure_endpoint", `${field} (${url.href}) ${INSECURE}.`, {
      url: url.href,
      issues: [{ path: [], message: INSECURE }],
    });
  }
  return url;
}

/** The message used for an insecure URL found in a document. */
export const INSECURE_MESSAGE: string = INSECURE;

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  return typeof value;
}
