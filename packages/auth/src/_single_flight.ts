// Internal: one shared operation for any number of concurrent callers.

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  /** Callers waiting with a signal that has not aborted. */
  waiting: number;
  /** A caller without a signal (or a background renewal) joined: never abort. */
  pinned: boolean;
}

/**
 * Runs at most one operation at a time; callers arriving while it runs share
 * its result or its failure. Nothing is cached: once settled, the next call
 * starts a new operation. The operation's signal aborts only when every
 * caller that joined it gave up through its own signal.
 */
export class SingleFlight<T> {
  #current: Flight<T> | undefined;

  /**
   * Joins the running operation or starts `start`.
   * @param signal This caller's signal: rejects this caller with its reason.
   */
  join(start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let flight = this.#current;
    if (flight === undefined) {
      const controller = new AbortController();
      const promise = start(controller.signal);
      const entry: Flight<T> = { promise, controller, waiting: 0, pinned: false };
      const clear = (): void => {
        if (this.#current === entry) this.#current = undefined;
      };
      promise.then(clear, clear);
      this.#current = entry;
      flight = entry;
    }
    if (signal === undefined) {
      flight.pinned = true;
      return flight.promise;
    }
    return this.#wait(flight, signal);
  }

  #wait(flight: Flight<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    flight.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        reject(signal.reason);
        flight.waiting--;
        if (flight.waiting === 0 && !flight.pinned) {
          if (this.#current === flight) this.#current = undefined;
          flight.controller.abort(signal.reason);
        }
      };
      signal.addEventListener("abort", onAbort, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }
}
