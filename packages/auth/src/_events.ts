// Internal: sending events to the onEvent option without ever letting it hurt a caller.
import type { AuthEvent, TokenKeyInfo } from "./events.ts";
import { createScrubber, type Secret } from "@cadasto/core";

/** Distributes `Omit<E, "key" | "at">` over the union, so each event type keeps its own fields. */
type Payload<E> = E extends AuthEvent ? Omit<E, "key" | "at"> : never;

/** Sends events; `undefined` when nobody listens (the hot path then builds no object). */
export type Emit = ((event: Payload<AuthEvent>) => void) | undefined;

/** An emitter for `listener`, stamping the key and the time. */
export function emitter(listener: ((event: AuthEvent) => void) | undefined, key: TokenKeyInfo, now: () => number): Emit {
  if (listener === undefined) return undefined;
  return (event) => {
    try {
      listener({ ...event, key, at: now() } as AuthEvent);
    } catch {
      // a listener's failure is the listener's business, never the caller's
    }
  };
}

/** A short, safe description of an error for an event: name and message, secrets scrubbed, at most 200 characters. */
export function describe(error: unknown, secrets: readonly (Secret | undefined)[]): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return createScrubber(secrets).text(text).slice(0, 200);
}
