// Internal: checks the TokenPolicyOptions (events, lifetimes, store time limit) before any request.
import { AuthOptionsError } from "./errors.ts";
import type { AuthEvent, TokenPolicyOptions } from "./events.ts";
import { DEFAULT_LIFETIME_MS, MAX_LIFETIME_MS } from "./_lifetime.ts";

/** The policy options, checked, with defaults. */
export interface ResolvedPolicy {
  onEvent: ((event: AuthEvent) => void) | undefined;
  defaultLifetime: number;
  storeTimeout: number;
}

function ms(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && value > 0 && value <= max) return value;
  throw new AuthOptionsError("invalid_option", field, `must be a number of ms above 0 and at most ${max}, got ${String(value)}.`);
}

/** Checks the options, naming the field and the reason. */
export function resolvePolicy(options: TokenPolicyOptions): ResolvedPolicy {
  const { onEvent } = options;
  if (onEvent !== undefined && typeof onEvent !== "function") {
    throw new AuthOptionsError("invalid_option", "onEvent", "must be a function.");
  }
  return {
    onEvent,
    defaultLifetime: ms(options.defaultLifetime, "defaultLifetime", DEFAULT_LIFETIME_MS, MAX_LIFETIME_MS),
    storeTimeout: ms(options.storeTimeout, "storeTimeout", 1_000, 60_000),
  };
}
