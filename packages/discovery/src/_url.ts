// Internal URL rules shared by the schema, discover() and openEhrBaseUrl().

import { isSecureUrl, SECURE_URL_RULE, tryParseUrl, urlProblem } from "@cadasto/core";
import { DiscoveryError } from "./errors.ts";

/** The problem with a URL's form, or undefined: http(s), no credentials, no fragment (the https rule is checked apart). */
export function urlFormProblem(url: URL): string | undefined {
  const problem = urlProblem(url, { allowQuery: true });
  return problem === undefined || problem.code === "insecure" ? undefined : problem.message;
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

const INSECURE = `uses http on a host that is not loopback: ${SECURE_URL_RULE}`;

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
    throw new DiscoveryError(
      "invalid_url",
      `${field} is not an absolute URL: ${JSON.stringify(text)}. Give e.g. "https://acme.auth.prod.cadasto.io".`,
    );
  }
  const found = urlProblem(url, { allowQuery: options.allowQuery === true });
  const problem = found?.code === "insecure" ? undefined : found?.message;
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
