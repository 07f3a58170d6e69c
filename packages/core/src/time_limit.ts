/**
 * Options of {@linkcode withTimeLimit}: the caller's own signal and time
 * limit, and the error to give when the limit passes.
 *
 * @example A two-second limit with the package's own error
 * ```ts
 * import type { TimeLimitOptions } from "@cadasto/core";
 * const limit: TimeLimitOptions = { timeout: 2_000, timeoutError: () => new Error("no answer within 2000 ms") };
 * console.log(limit.timeout);
 * ```
 */
export interface TimeLimitOptions {
  /** The caller's signal: when it aborts, the wait rejects with its reason. */
  readonly signal?: AbortSignal | undefined;
  /** Milliseconds before the wait gives up; `undefined`: no limit of its own. */
  readonly timeout?: number | undefined;
  /** Makes the error the wait rejects with (and the signal given to `run` aborts with) when `timeout` passes. */
  readonly timeoutError: () => unknown;
}

/**
 * Runs `run` under the caller's own signal and time limit. `run` gets a
 * signal that aborts when the caller's signal does (with its reason) or when
 * `timeout` ms pass (with `timeoutError()`), and the returned promise rejects
 * with that reason at once, without waiting for `run`: a custom `fetch` that
 * ignores its signal cannot hang the caller. A plain timer, not
 * `AbortSignal.timeout`: a timeout signal nobody else holds can be
 * garbage-collected before it fires. Whenever the signal given to `run` has
 * aborted, the promise rejects with its reason, not with whatever `run`
 * rejected with (often a generic `AbortError`). Each package keeps its own
 * error codes and messages: it passes its own `timeoutError` and maps the
 * caller's reason itself.
 *
 * @param run The wait: a request, or a share of one that others wait for too.
 * @param options `signal`, `timeout` and `timeoutError`.
 * @returns What `run` resolves with.
 * @throws {Error} Whatever value these are: the caller's `signal.reason` (a `DOMException`
 *   `AbortError` unless the caller gave its own; without calling `run` when it had already
 *   aborted), `timeoutError()` when the limit passed first, else what `run` rejects with.
 *
 * @example Give a fetch five seconds, also when the fetch ignores its signal
 * ```ts
 * import { withTimeLimit } from "@cadasto/core";
 * const url = "https://acme.auth.prod.cadasto.io/.well-known/smart-configuration";
 * const response = await withTimeLimit((signal) => fetch(url, { signal }), {
 *   timeout: 5_000,
 *   timeoutError: () => new Error(`No answer from ${url} within 5000 ms.`),
 * });
 * console.log(response.status);
 * ```
 */
export async function withTimeLimit<T>(run: (signal: AbortSignal) => Promise<T>, options: TimeLimitOptions): Promise<T> {
  const { signal, timeout } = options;
  if (signal?.aborted) throw signal.reason;
  const controller = new AbortController();
  const limited = controller.signal;
  const forward = (): void => controller.abort(signal?.reason);
  signal?.addEventListener("abort", forward, { once: true });
  const timer = timeout === undefined ? undefined : setTimeout(() => controller.abort(options.timeoutError()), timeout);
  const stopped = new Promise<never>((_resolve, reject) => {
    limited.addEventListener("abort", () => reject(limited.reason), { once: true });
  });
  try {
    // Promise.race subscribes to both: a late rejection of either is handled, not reported as unhandled.
    return await Promise.race([run(limited), stopped]);
  } catch (error) {
    throw limited.aborted ? limited.reason : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forward);
  }
}
