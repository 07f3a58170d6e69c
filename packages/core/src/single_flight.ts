interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  /** Callers waiting with a signal that has not aborted. */
  waiting: number;
  /** A caller without a signal joined: the operation is never aborted. */
  pinned: boolean;
}

/**
 * One run of an operation shared by every caller that asks for it while it
 * runs (a "single flight"): `@cadasto/auth` makes one token request however
 * many callers wait for a token, `@cadasto/discovery` one request per
 * document URL and cache, `@cadasto/templates` one check-and-upload
 * for concurrent `ensure()` calls on the same bytes. Callers arriving while
 * it runs share its result or its failure; nothing is cached, so once it
 * settles the next call starts a new run. Runs are kept apart by an optional
 * key (one run per key at a time).
 *
 * Each caller keeps its own signal (and so its own time limit): when it
 * aborts, that caller alone is rejected with the signal's reason. The run's
 * own signal aborts, with the reason of the last caller to give up, only when
 * every caller that joined it has given up; a caller without a signal keeps
 * the run going to its end. A caller whose signal has already aborted is
 * rejected at once and starts nothing.
 *
 * @typeParam T What the operation resolves to.
 * @typeParam K The key that keeps runs apart (none by default: one run at a time).
 *
 * @example Three callers, one token request
 * ```ts
 * import { SingleFlight } from "@cadasto/core";
 * const tokens = new SingleFlight<string>();
 * let requests = 0;
 * const requestToken = async (signal: AbortSignal): Promise<string> => {
 *   requests++;
 *   signal.throwIfAborted();
 *   return "token";
 * };
 * const [a, b, c] = await Promise.all([
 *   tokens.join(requestToken),
 *   tokens.join(requestToken, AbortSignal.timeout(10_000)), // this caller's own time limit
 *   tokens.join(requestToken),
 * ]);
 * console.log(a === b && b === c, requests); // true 1
 * ```
 *
 * @example One upload per template and content
 * ```ts
 * import { SingleFlight } from "@cadasto/core";
 * const uploads = new SingleFlight<string, string>();
 * const upload = async (_signal: AbortSignal): Promise<string> => "Demo Vitals::0c05260d-421a-402e-bc65-dc8e3cc529a8";
 * const key = "Demo Vitals\n<sha-256 of the bytes>";
 * const [first, second] = await Promise.all([uploads.join(upload, undefined, key), uploads.join(upload, undefined, key)]);
 * console.log(first === second); // true
 * ```
 */
export class SingleFlight<T, K = undefined> {
  readonly #flights = new Map<K | undefined, Flight<T>>();

  /**
   * Joins the run for `key`, or starts one with `start` (called at once,
   * before this returns) when none is running.
   *
   * @param start Starts the operation; its signal aborts when every caller gave up.
   * @param signal This caller's signal: when it aborts, this caller is rejected with its reason.
   * @param key Which run to join (runs with different keys are separate).
   * @returns The run's result, for this caller.
   * @throws {Error} What the run rejects with, or this caller's `signal.reason` when it gave up first.
   */
  join(start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal, key?: K): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const flights = this.#flights;
    let flight = flights.get(key);
    if (flight === undefined) {
      const controller = new AbortController();
      const entry: Flight<T> = { promise: start(controller.signal), controller, waiting: 0, pinned: false };
      const clear = (): void => {
        if (flights.get(key) === entry) flights.delete(key);
      };
      entry.promise.then(clear, clear);
      flights.set(key, entry);
      flight = entry;
    }
    if (signal === undefined) {
      flight.pinned = true;
      return flight.promise;
    }
    const joined = flight;
    joined.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        reject(signal.reason);
        if (--joined.waiting === 0 && !joined.pinned) {
          if (flights.get(key) === joined) flights.delete(key);
          joined.controller.abort(signal.reason);
        }
      };
      signal.addEventListener("abort", onAbort, { once: true });
      joined.promise.finally(() => signal.removeEventListener("abort", onAbort)).then(resolve, reject);
    });
  }
}
