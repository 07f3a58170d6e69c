// Internal: the checks every option of clientCredentials() goes through, each refusal
// an AuthOptionsError that names the option and says why (before any request).
import { AuthOptionsError } from "./errors.ts";

/** Refuses option `field`. */
export function refuse(field: string, why: string, code: AuthOptionsError["code"] = "invalid_option"): never {
  throw new AuthOptionsError(code, field, why);
}

/** `value` when it is a string with more than white space in it; else refused, saying `why`. */
export function nonEmpty(value: unknown, field: string, why = "must be a non-empty string."): string {
  return typeof value === "string" && value.trim() ? value : refuse(field, why);
}

/**
 * `value` when it is a number above 0 (and finite, or at most `maxMs` for a number of
 * milliseconds with a limit); `fallback` when it is left out; else refused.
 */
export function positive(value: unknown, field: string, fallback: number, maxMs?: number): number;
export function positive(value: unknown, field: string): number | undefined;
export function positive(value: unknown, field: string, fallback?: number, maxMs?: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value === "number" && value > 0 && (maxMs === undefined ? value < Infinity : value <= maxMs)) return value;
  return refuse(
    field,
    maxMs === undefined
      ? `must be a positive number, got ${String(value)}.`
      : `must be a number of ms above 0 and at most ${maxMs}, got ${String(value)}.`,
  );
}
