// Internal: checks a base URL before any request is made.
import { TemplatesClientError } from "./errors.ts";

const LOOPBACK_NAMES = new Set(["localhost", "[::1]"]);

/** Whether `hostname` (as URL parses it) is a loopback host. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(host) || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Validates the openEHR base URL (absolute, https, or http on a loopback
 * host; no credentials, query or fragment) and returns it without a trailing
 * slash.
 */
export function checkBaseUrl(value: unknown, field = "baseUrl"): string {
  const refuse = (reason: string): never => {
    throw new TemplatesClientError("invalid_base_url", `${field} ${reason}`, { field });
  };
  if (typeof value !== "string" && !(value instanceof URL)) {
    return refuse("is missing: pass the openEHR API base URL, e.g. https://<tenant>.api.prod.cadasto.io/openehr/v1.");
  }
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return refuse(`"${String(value)}" is not an absolute URL: pass e.g. https://<tenant>.api.prod.cadasto.io/openehr/v1.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse(`uses ${url.protocol}: use https (http only on a loopback host such as 127.0.0.1).`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    return refuse(
      `uses http on ${url.hostname}: bearer tokens must not travel in clear text; use https (http is allowed on loopback hosts only).`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    return refuse("contains credentials: remove the user:password@ part; the client authenticates with a token source.");
  }
  if (url.search !== "" || url.hash !== "") {
    return refuse("has a query or fragment: pass the API base URL only, e.g. https://<tenant>.api.prod.cadasto.io/openehr/v1.");
  }
  return url.href.replace(/\/+$/, "");
}
