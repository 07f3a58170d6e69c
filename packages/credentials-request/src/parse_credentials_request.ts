import { isLocalhostName, tryParseUrl } from "@cadasto/core";
import * as v from "valibot";
import { type CredentialsRequest, type CredentialsRequestInput, CredentialsRequestSchema } from "./credentials_request.ts";
import { CredentialsRequestError, type CredentialsRequestIssue, type CredentialsRequestIssueCode } from "./errors.ts";
import { codeOfRequirement, KNOWN_SCOPES, toList } from "./_rules.ts";

/**
 * A valid request and the warnings about it (things that are allowed but
 * worth a second look: an unknown scope, "staging" read as "acceptation", a
 * `localhost` redirect URI).
 *
 * @example Print the warnings
 * ```ts
 * import { parseCredentialsRequest, type ParsedCredentialsRequest } from "@cadasto/credentials-request";
 * const parsed: ParsedCredentialsRequest = parseCredentialsRequest({
 *   applicationName: "Acme Lab Sync",
 *   environments: "staging",
 *   scopes: "api.read",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Reads templates nightly.",
 * });
 * for (const warning of parsed.warnings) console.warn(warning.message);
 * ```
 */
export interface ParsedCredentialsRequest {
  /** Always `true`: the request is valid. */
  readonly ok: true;
  /** The normalised request. */
  readonly request: CredentialsRequest;
  /** Warnings, each with a path, a message and a code. */
  readonly warnings: readonly CredentialsRequestIssue[];
}

/**
 * The result of {@linkcode safeParseCredentialsRequest}: the parsed request,
 * or every problem with it.
 *
 * @example Branch on the result
 * ```ts
 * import { safeParseCredentialsRequest, type CredentialsRequestResult } from "@cadasto/credentials-request";
 * declare const formValues: unknown;
 * const result: CredentialsRequestResult = safeParseCredentialsRequest(formValues);
 * console.log(result.ok ? result.request.applicationName : result.issues.map((issue) => issue.message));
 * ```
 */
export type CredentialsRequestResult =
  | ParsedCredentialsRequest
  | {
      /** `false`: the request has problems. */
      readonly ok: false;
      /** Every problem, each with its field path, a sentence saying how to fix it, and a code. */
      readonly issues: readonly CredentialsRequestIssue[];
    };

function codeOf(issue: v.BaseIssue<unknown> & { requirement?: unknown }): CredentialsRequestIssueCode {
  const registered = codeOfRequirement(issue.requirement);
  if (registered !== undefined) return registered;
  if (issue.type === "raw_check") return "unknown_field";
  if (issue.type === "picklist") return "unknown_flow";
  if (issue.kind === "schema" && (issue.input === undefined || issue.path?.at(-1)?.origin === "key")) {
    return "missing_field";
  }
  return issue.kind === "schema" ? "wrong_type" : "invalid_value";
}

/** A valibot issue as a {@linkcode CredentialsRequestIssue}. */
function toIssue(issue: v.BaseIssue<unknown>): CredentialsRequestIssue {
  const path = (issue.path ?? []).map((item) => (typeof item.key === "number" ? item.key : String(item.key)));
  return { path, dotPath: path.join("."), message: issue.message, code: codeOf(issue) };
}

function warning(path: (string | number)[], code: CredentialsRequestIssueCode, message: string): CredentialsRequestIssue {
  return { path, dotPath: path.join("."), message, code };
}

/** Warnings for a request that parsed: only what is certain. */
function warningsFor(input: CredentialsRequestInput, request: CredentialsRequest): CredentialsRequestIssue[] {
  const warnings: CredentialsRequestIssue[] = [];
  if (toList(input.environments, /[\s,]+/).some((name) => name.toLowerCase() === "staging")) {
    warnings.push(
      warning(
        ["environments"],
        "staging_renamed",
        '"staging" is the older name of the acceptation environment: the request says "acceptation".',
      ),
    );
  }
  for (const scope of request.scopes) {
    if (!KNOWN_SCOPES.includes(scope)) {
      warnings.push(
        warning(
          ["scopes"],
          "unknown_scope",
          `"${scope}" is not a scope Cadasto documents (${KNOWN_SCOPES.join(", ")}): keep it only if Cadasto asked you to request it.`,
        ),
      );
    }
  }
  request.redirectUris.forEach((uri, index) => {
    const url = tryParseUrl(uri);
    if (url !== undefined && isLocalhostName(url.hostname)) {
      warnings.push(
        warning(
          ["redirectUris", index],
          "localhost_redirect_uri",
          `"${uri}" uses localhost, which RFC 8252 §8.3 does not recommend (the name can resolve elsewhere): use the loopback IP, e.g. "${uri.replace(url.host, `127.0.0.1${url.port ? `:${url.port}` : ""}`)}".`,
        ),
      );
    }
  });
  return warnings;
}

/**
 * Validates and normalises a credentials request without throwing.
 *
 * @param input The request as written: form values, parsed JSON, … (any value).
 * @returns `{ ok: true, request, warnings }`, or `{ ok: false, issues }` with
 * every problem, each with its field path, a sentence saying how to fix it and
 * a stable code.
 *
 * @example Validate a form and show errors beside fields
 * ```ts
 * import { safeParseCredentialsRequest } from "@cadasto/credentials-request";
 * const result = safeParseCredentialsRequest({
 *   applicationName: "Acme Portal",
 *   environments: ["production"],
 *   allowedOrigins: ["https://portal.acme.example/app"],
 *   scopes: "api.read",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Clinicians browse templates.",
 * });
 * if (!result.ok) {
 *   const originErrors = result.issues.filter((issue) => issue.path[0] === "allowedOrigins");
 *   console.log(originErrors.map((issue) => issue.message));
 * }
 * ```
 */
export function safeParseCredentialsRequest(input: unknown): CredentialsRequestResult {
  const result = v.safeParse(CredentialsRequestSchema, input);
  if (!result.success) return { ok: false, issues: result.issues.map(toIssue) };
  return { ok: true, request: result.output, warnings: warningsFor(input as CredentialsRequestInput, result.output) };
}

/**
 * Validates and normalises a credentials request.
 *
 * @param input The request as written: form values, parsed JSON, … (any value).
 * @returns `{ ok: true, request, warnings }`: the normalised request and
 * warnings about what is allowed but worth a second look.
 * @throws {CredentialsRequestError} `code` `invalid_request`, with `issues`
 * listing every problem (field path, how to fix it, stable code).
 *
 * @example Validate a machine-to-machine request
 * ```ts
 * import { parseCredentialsRequest } from "@cadasto/credentials-request";
 * const { request, warnings } = parseCredentialsRequest({
 *   applicationName: "Acme Lab Sync",
 *   environments: ["acceptation", "production"],
 *   scopes: ["api.read", "api.write"],
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example", team: "#lab-integrations" },
 *   description: "Uploads lab templates from CI on every merge.",
 * });
 * console.log(request.flow, warnings.length); // "client-credentials" 0
 * ```
 */
export function parseCredentialsRequest(input: unknown): ParsedCredentialsRequest {
  const result = safeParseCredentialsRequest(input);
  if (!result.ok) throw new CredentialsRequestError("invalid_request", result.issues);
  return result;
}
