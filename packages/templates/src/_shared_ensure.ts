// Internal: concurrent ensure() calls of one client on the same template id
// and bytes share one check-and-upload (a single flight by id and hash).
//
// Each caller's own signal bounds its own wait; the shared work is aborted
// only when every caller waiting on it has given up. Progress events go to
// every waiting caller's onProgress; one that throws rejects that caller
// alone with its error (and detaches it).
import type { UploadProgressEvent } from "./templates_client_options.ts";

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  readonly listeners: Set<(event: UploadProgressEvent) => void>;
  waiting: number;
}

/** What the shared work gets: the signal to stop on, and where to send progress. */
export interface SharedWork {
  readonly signal: AbortSignal;
  readonly onProgress: ((event: UploadProgressEvent) => void) | undefined;
}

/** The caller's side of a shared call. */
export interface Caller {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((event: UploadProgressEvent) => void) | undefined;
}

const flights = new WeakMap<object, Map<string, Flight<unknown>>>();

/** Joins the flight for `key` under `owner` (the REST client), or starts it with `start`. */
export function shareEnsure<T>(owner: object, key: string, caller: Caller, start: (work: SharedWork) => Promise<T>): Promise<T> {
  caller.signal?.throwIfAborted();
  let byKey = flights.get(owner);
  if (byKey === undefined) {
    byKey = new Map();
    flights.set(owner, byKey);
  }
  const running = byKey as Map<string, Flight<T>>;
  let flight = running.get(key);
  if (flight === undefined) {
    const controller = new AbortController();
    const listeners = new Set<(event: UploadProgressEvent) => void>();
    const onProgress = (event: UploadProgressEvent) => {
      for (const listener of [...listeners]) listener(event);
    };
    // Started on the next turn, so the first caller's listener is attached before any progress.
    const promise = Promise.resolve().then(() => start({ signal: controller.signal, onProgress: caller.onProgress && onProgress }));
    const entry: Flight<T> = { promise, controller, listeners, waiting: 0 };
    const clear = () => {
      if (running.get(key) === entry) running.delete(key);
    };
    promise.then(clear, clear);
    running.set(key, entry);
    flight = entry;
  }
  return wait(flight, caller, () => running.get(key) === flight && running.delete(key));
}

function wait<T>(flight: Flight<T>, caller: Caller, forget: () => void): Promise<T> {
  flight.waiting += 1;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const leave = (reason: unknown) => {
      if (done) return;
      done = true;
      caller.signal?.removeEventListener("abort", onAbort);
      if (listener !== undefined) flight.listeners.delete(listener);
      flight.waiting -= 1;
      if (reason === undefined) return;
      if (flight.waiting === 0) {
        forget();
        flight.controller.abort(reason);
      }
    };
    const onAbort = () => {
      reject(caller.signal?.reason);
      leave(caller.signal?.reason);
    };
    const own = caller.onProgress;
    const listener =
      own === undefined
        ? undefined
        : (event: UploadProgressEvent) => {
            try {
              own(event);
            } catch (error) {
              reject(error);
              leave(error);
            }
          };
    if (listener !== undefined) flight.listeners.add(listener);
    caller.signal?.addEventListener("abort", onAbort, { once: true });
    flight.promise.then(
      (value) => {
        leave(undefined);
        resolve(value);
      },
      (error: unknown) => {
        leave(undefined);
        reject(error);
      },
    );
  });
}
