// Internal: one caller's own time limit on a wait it may share with others.
import { withTimeLimit as limited } from "@cadasto/core";
import { TokenEndpointError } from "./errors.ts";

/**
 * Runs `wait` with a signal that aborts when `signal` does or after `timeout` ms
 * (a `timeout` TokenEndpointError), whichever comes first: core's
 * `withTimeLimit` with this package's error.
 */
export function withTimeLimit<T>(
  signal: AbortSignal | undefined,
  timeout: number | undefined,
  url: string,
  wait: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (timeout === undefined) return wait(signal);
  return limited(wait, {
    signal,
    timeout,
    timeoutError: () =>
      new TokenEndpointError(
        "timeout",
        `No token from ${url} within this call's timeout (${timeout} ms): the shared token request goes on for other callers; raise the timeout or check the token endpoint.`,
        { retryable: true, url },
      ),
  });
}
