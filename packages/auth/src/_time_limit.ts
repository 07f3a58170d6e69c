// Internal: one caller's own time limit on a wait it may share with others.
import { TokenEndpointError } from "./errors.ts";

/**
 * Runs `wait` with a signal that aborts when `signal` does or after `timeout` ms
 * (a `timeout` TokenEndpointError), whichever comes first. A plain timer, not
 * `AbortSignal.timeout`: that one can be garbage-collected before it fires.
 */
export async function withTimeLimit<T>(
  signal: AbortSignal | undefined,
  timeout: number | undefined,
  url: string,
  wait: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (timeout === undefined) return wait(signal);
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal?.reason);
  signal?.addEventListener("abort", forward, { once: true });
  if (signal?.aborted) forward();
  const timer = setTimeout(
    () =>
      controller.abort(
        new TokenEndpointError(
          "timeout",
          `No token from ${url} within this call's timeout (${timeout} ms): the shared token request goes on for other callers; raise the timeout or check the token endpoint.`,
          { retryable: true, url },
        ),
      ),
    timeout,
  );
  try {
    return await wait(controller.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forward);
  }
}
