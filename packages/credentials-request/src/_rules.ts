// Internal: the rules a credentials request must meet, their stable codes and
// the sentences that say how to fix each problem. Never exported from mod.ts.
import { CADASTO_ENVIRONMENTS, type CadastoEnvironment } from "@cadasto/core";
import * as v from "valibot";
import type { CredentialsRequestIssueCode } from "./errors.ts";

/** The scopes Cadasto documents. Others are allowed, with a warning. */
export const KNOWN_SCOPES: readonly string[] = ["api.read", "api.write"];

/** The environments, in the order the email lists them (development first). */
export const ENVIRONMENT_NAMES: readonly CadastoEnvironment[] = [...CADASTO_ENVIRONMENTS].reverse();

/** The flows a client can use. */
export const FLOW_NAMES = ["client-credentials", "authorization-code-pkce"] as const;

const codes = new Map<unknown, CredentialsRequestIssueCode>();

/**
 * A valibot check whose issues carry a stable code (looked up from the
 * issue's `requirement` by {@link codeOfRequirement}).
 */
export function rule<T>(
  code: CredentialsRequestIssueCode,
  test: (value: T) => boolean,
  message: (value: T) => string,
): v.CheckAction<T, (issue: v.CheckIssue<T>) => string> {
  codes.set(test, code);
  return v.check(test, (issue) => message(issue.input));
}

/** A cross-field check: like {@link rule}, registered under `code`. */
export function registerCode<F>(code: CredentialsRequestIssueCode, requirement: F): F {
  codes.set(requirement, code);
  return requirement;
}

/** The code registered for a check's requirement, if any. */
export function codeOfRequirement(requirement: unknown): CredentialsRequestIssueCode | undefined {
  return codes.get(requirement);
}

/**
 * Splits a string into items on `separator` (array items too when
 * `splitItems`), trims them, drops empty ones.
 */
export function toList(value: string | readonly string[], separator: RegExp, splitItems = true): string[] {
  const items = typeof value === "string" ? value.split(separator) : splitItems ? value.flatMap((item) => item.split(separator)) : value;
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

/** A type error's message: "missing" when the value is `undefined`, else `wrongType`. */
export function typeMessage(label: string, missing: string, wrongType: string): (issue: { input: unknown }) => string {
  return (issue) => (issue.input === undefined ? `${label} is missing: add ${missing}.` : wrongType);
}

/** The same list without repeats, first occurrence kept. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

// Control characters (C0, DEL, C1 with NEL) and the Unicode line and paragraph separators
// (U+2028, U+2029), which mail clients and JavaScript treat as line breaks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** True when `text` has no control characters and no line or paragraph separator (only "\n" allowed, when `multiline`). */
export function isPlainText(text: string, multiline = false): boolean {
  return !(multiline ? CONTROL_EXCEPT_NEWLINE : CONTROL).test(text);
}

const REDIRECT_LOOPBACK_LITERALS = new Set(["127.0.0.1", "[::1]"]);

/**
 * RFC 8252 §7.3: the loopback IP literal a native app's redirect URI uses
 * (exactly 127.0.0.1 or [::1]; narrower than the SDK's loopback rule in
 * `@cadasto/core`, which is about where a secret may travel over http).
 */
export function isRedirectLoopbackLiteral(url: URL): boolean {
  return REDIRECT_LOOPBACK_LITERALS.has(url.hostname);
}

/** Characters a URI may hold without percent-encoding (RFC 3986), '%' included. */
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

/** True when `text` has only characters allowed in a URI. */
export function hasOnlyUriCharacters(text: string): boolean {
  return URI_CHARACTERS.test(text);
}

/** True when the URL names user info (`user:password@`). */
export function hasCredentials(url: URL): boolean {
  return url.username !== "" || url.password !== "";
}

/** A pragmatic email address check: one `@`, a dotted domain, no spaces. */
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** True when `text` looks like a deliverable email address (`name@example.com`). */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** Quotes a value for a message: `"value"`, shortened when long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}
