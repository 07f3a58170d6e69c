// Internal: checks the TokenPolicyOptions (events, lifetimes, store time limit) before any request.
import type { AuthEvent, TokenPolicyOptions } from "./events.ts";
import { DEFAULT_LIFETIME_MS, MAX_LIFETIME_MS } from "./_lifetime.ts";
import { positive, refuse } from "./_option_checks.ts";

/** The policy options, checked, with defaults. */
export interface ResolvedPolicy {
  onEvent: ((event: AuthEvent) => void) | undefined;
  defaultLifetime: number;
  storeTimeout: number;
}

/** Checks the options, naming the field and the reason. */
export function resolvePolicy(options: TokenPolicyOptions): ResolvedPolicy {
  const { onEvent } = options;
  if (onEvent !== undefined && typeof onEvent !== "function") {
    refuse("onEvent", "must be a function.");
  }
  return {
    onEvent,
    defaultLifetime: positive(options.defaultLifetime, "defaultLifetime", DEFAULT_LIFETIME_MS, MAX_LIFETIME_MS),
    storeTimeout: positive(options.storeTimeout, "storeTimeout", 1_000, 60_000),
  };
}
