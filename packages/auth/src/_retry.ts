// Internal: bounded retries with exponential backoff, jitter and Retry-After.
import { isTokenEndpointError, TokenEndpointError } from "./errors.ts";

/** How hard to try: attempts in all, overall deadline and per-attempt timeout (ms). */
export interface RetryPolicy {
  attempts: number;
  deadline: number;
  timeout: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, deadline: 30_000, timeout: 10_000 };

const BASE_DELAY = 200;
const MAX_DELAY = 5_000;
const retryAfters = new WeakMap<object, number>();

/** Notes the server's `Retry-After` (ms) on a retryable error. */
export function withRetryAfter<E extends object>(error: E, ms: number | undefined): E {
  if (ms !== undefined) retryAfters.set(error, ms);
  return error;
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Backoff before attempt `n + 1`: full exponential step with jitter in its upper half. */
export function backoff(n: number, random: number = Math.random()): number {
  const step = Math.min(MAX_DELAY, BASE_DELAY * 2 ** (n - 1));
  return step / 2 + (random * step) / 2;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function retryable(error: unknown): error is TokenEndpointError {
  return isTokenEndpointError(error) && error.retryable;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs
 * out of attempts, or the next wait would pass the deadline. Each attempt
 * gets a signal that aborts on `signal` or after the per-attempt timeout.
 * When `signal` aborts, rejects with its reason.
 */
export async function retrying<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  url: string,
): Promise<T> {
  const deadlineAt = Date.now() + policy.deadline;
  for (let n = 1; ; n++) {
    signal.throwIfAborted();
    const timeout = Math.max(1, Math.min(policy.timeout, deadlineAt - Date.now()));
    const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(timeout)]);
    let error: unknown;
    try {
      return await attempt(attemptSignal);
    } catch (caught) {
      if (signal.aborted) throw signal.reason;
      error = attemptSignal.aborted
        ? new TokenEndpointError(
            "timeout",
            `The token endpoint ${url} did not answer within ${timeout} ms: check that the auth server is reachable and healthy, or raise retry.timeout.`,
            { retryable: true, url, cause: attemptSignal.reason },
          )
        : caught;
    }
    if (!retryable(error)) throw error;
    if (n >= policy.attempts) {
      if (n === 1) throw error;
      throw new TokenEndpointError(error.code, `${error.message} Gave up after ${n} attempts.`, {
        status: error.status,
        retryable: true,
        attempts: n,
        url,
        cause: error.cause,
      });
    }
    const wait = Math.max(backoff(n), retryAfters.get(error) ?? 0);
    if (Date.now() + wait >= deadlineAt) {
      throw new TokenEndpointError(
        "deadline_exceeded",
        `Gave up on the token endpoint ${url} after ${n} attempts: the next try (in ${Math.round(wait)} ms) would pass retry.deadline (${policy.deadline} ms). Last failure: ${error.message}`,
        { status: error.status, retryable: true, attempts: n, url, cause: error },
      );
    }
    await sleep(wait, signal);
  }
}
