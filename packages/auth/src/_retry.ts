// Internal: bounded retries with exponential backoff, jitter and Retry-After.
import { withTimeLimit } from "@cadasto/core";
import { isTokenEndpointError, TokenEndpointError } from "./errors.ts";

/** How hard to try: attempts in all, overall deadline and per-attempt timeout (ms). */
export interface RetryPolicy {
  attempts: number;
  deadline: number;
  timeout: number;
}

const retryAfters = new WeakMap<object, number>();

/** Notes the server's `Retry-After` (ms) on a retryable error. */
export function withRetryAfter<E extends object>(error: E, ms: number | undefined): E {
  if (ms !== undefined) retryAfters.set(error, ms);
  return error;
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const ms = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Backoff before attempt `n + 1`: an exponential step (200 ms doubling, capped at 5 s), jittered in its upper half. */
export function backoff(n: number, random: number = Math.random()): number {
  const step = Math.min(5000, 200 * 2 ** (n - 1));
  return (step * (1 + random)) / 2;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs
 * out of attempts, or the next wait would pass the deadline. Each attempt
 * gets a signal that aborts on `signal` or after the per-attempt timeout, and
 * is given up at once when that signal aborts.
 * When `signal` aborts, rejects with its reason.
 */
export async function retrying<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  { attempts, deadline, timeout }: RetryPolicy,
  signal: AbortSignal,
  url: string,
): Promise<T> {
  const end = Date.now() + deadline;
  for (let n = 1; ; n++) {
    signal.throwIfAborted();
    const limit = Math.max(1, Math.min(timeout, end - Date.now()));
    let error: unknown;
    try {
      // Each attempt under the caller's signal and its own timer (core's withTimeLimit): the
      // timeout holds even when a custom fetch ignores its signal.
      return await withTimeLimit(attempt, {
        signal,
        timeout: limit,
        timeoutError: () =>
          new TokenEndpointError(
            "timeout",
            `Token endpoint ${url} did not answer within ${limit} ms: check that it is up, or raise retry.timeout.`,
            { retryable: true, url },
          ),
      });
    } catch (caught) {
      signal.throwIfAborted();
      error = caught;
    }
    if (!isTokenEndpointError(error) || !error.retryable) throw error;
    const { code, status, message } = error;
    const wait = Math.max(backoff(n), retryAfters.get(error) ?? 0);
    const late = Date.now() + wait >= end;
    if (n >= attempts || late) {
      throw new TokenEndpointError(
        late ? "deadline_exceeded" : code,
        `${message} Gave up after ${n === 1 ? "1 attempt" : `${n} attempts`}${late ? ` (the next would pass retry.deadline, ${deadline} ms)` : ""}.`,
        { status, retryable: true, attempts: n, url, cause: error },
      );
    }
    await sleep(wait, signal);
  }
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal.addEventListener("abort", stop, { once: true });
  });
}
