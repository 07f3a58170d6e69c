// Internal URL rules shared by the schema, discover(), openEhrBaseUrl() and discoverEndpoints(),
// on core's urlProblem() (one form rule and one loopback rule for the whole SDK).

import { isSecureUrl, SECURE_URL_RULE, tryParseUrl, urlProblem } from "@cadasto/core";
import { DiscoveryError } from "./errors.ts";

/** The message for an insecure URL found in a document (core's `insecure` problem, which comes only after the others). */
export const INSECURE_MESSAGE: string = `uses http on a host that is not loopback: ${SECURE_URL_RULE}`;

/**
 * What is wrong with a document's URL apart from the https rule (checked apart by
 * {@linkcode isSecureUrlText}): it does not parse, is not http(s), or has
 * credentials or a fragment. Undefined when nothing is.
 */
export function urlFormProblem(value: string): string | undefined {
  const url = tryParseUrl(value);
  if (url === undefined) return `is not an absolute URL: ${JSON.stringify(value)}`;
  const problem = urlProblem(url, { allowQuery: true });
  return problem === undefined || problem.code === "insecure" ? undefined : `${JSON.stringify(value)} ${problem.message}`;
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

/**
 * Checks a URL given by the caller before any request; returns it parsed.
 * `field` names the argument in the error message. The value is not echoed
 * when it carries credentials.
 */
export function checkCallerUrl(value: unknown, field: string, allowQuery = false): URL {
  const text = value instanceof URL ? value.href : value;
  if (typeof text !== "string" || text.trim() === "") {
    const got = typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : typeof value;
    throw new DiscoveryError("invalid_url", `${field} must be an absolute https URL, got ${got}.`);
  }
  const url = tryParseUrl(text.trim());
  if (url === undefined) {
    throw new DiscoveryError(
      "invalid_url",
      `${field} is not an absolute URL: ${JSON.stringify(text)}. Give e.g. "https://acme.auth.prod.cadasto.io".`,
    );
  }
  const problem = urlProblem(url, { allowQuery });
  if (problem !== undefined) {
    const shown = url.username !== "" || url.password !== "" ? "" : ` (${url.href})`;
    const message = `${field}${shown} ${problem.message}.`;
    throw problem.code === "insecure"
      ? new DiscoveryError("insecure_endpoint", message, { url: url.href, issues: [{ path: [], message: problem.message }] })
      : new DiscoveryError("invalid_url", message);
  }
  return url;
}

/** An API base URL given by the caller (a query is allowed), checked, and returned as given (trimmed). */
export function givenApiUrl(value: string | URL, field: string): string {
  checkCallerUrl(value, field, true);
  return value instanceof URL ? value.href : value.trim();
}
