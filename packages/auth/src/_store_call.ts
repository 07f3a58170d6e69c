// Internal: one call to a TokenStore, bounded in time; a failure becomes an event
// and the FAILED marker, never an error for the caller.
import type { Secret } from "@cadasto/core";
import { describe, type Emit } from "./_events.ts";

/** What a store call that failed or timed out returns. */
export const FAILED: unique symbol = Symbol("store failed");

/** The operations reported in `store.error`. */
export type StoreOperation = "get" | "set" | "delete" | "lease" | "release";

/** Runs `call` within `timeout` ms; a rejection, a synchronous throw or a timeout gives {@linkcode FAILED}. */
export function storeCall<T>(
  operation: StoreOperation,
  call: () => Promise<T>,
  timeout: number,
  emit: Emit,
  now: () => number,
  secrets: () => readonly (Secret | undefined)[],
): Promise<T | typeof FAILED> {
  const started = now();
  return new Promise((resolve) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      emit?.({ type: "store.error", operation, durationMs: now() - started, message: describe(error, secrets()) });
      resolve(FAILED);
    };
    const timer = setTimeout(() => fail(new Error(`no answer within storeTimeout (${timeout} ms)`)), timeout);
    Promise.resolve()
      .then(call)
      .then((value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      }, fail);
  });
}
