import { describe, expect, test } from "vitest";
import { SingleFlight } from "./_single_flight.ts";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("single flight", () => {
  test("concurrent callers share one operation and its result", async () => {
    const flight = new SingleFlight<number>();
    const d = deferred<number>();
    let starts = 0;
    const start = () => {
      starts++;
      return d.promise;
    };
    const all = Array.from({ length: 100 }, () => flight.join(start));
    d.resolve(7);
    expect(await Promise.all(all)).toEqual(Array(100).fill(7));
    expect(starts).toBe(1);
  });

  test("a failure reaches every waiter and is not cached", async () => {
    const flight = new SingleFlight<number>();
    const d = deferred<number>();
    const boom = new Error("boom");
    const waiters = [flight.join(() => d.promise), flight.join(() => d.promise, new AbortController().signal)];
    d.reject(boom);
    for (const w of waiters) await expect(w).rejects.toBe(boom);
    await expect(flight.join(() => Promise.resolve(2))).resolves.toBe(2);
  });

  test("one caller's abort rejects only that caller", async () => {
    const flight = new SingleFlight<number>();
    const d = deferred<number>();
    let aborted = false;
    const start = (signal: AbortSignal) => {
      signal.addEventListener("abort", () => {
        aborted = true;
      });
      return d.promise;
    };
    const controller = new AbortController();
    const quitter = flight.join(start, controller.signal);
    const stayer = flight.join(start, new AbortController().signal);
    controller.abort(new Error("bye"));
    await expect(quitter).rejects.toThrow("bye");
    d.resolve(1);
    await expect(stayer).resolves.toBe(1);
    expect(aborted).toBe(false);
  });

  test("when every caller aborts, the operation is aborted with the reason and the next call starts afresh", async () => {
    const flight = new SingleFlight<number>();
    let operationSignal: AbortSignal | undefined;
    const controller = new AbortController();
    const waiting = flight.join((signal) => {
      operationSignal = signal;
      return new Promise<number>(() => undefined);
    }, controller.signal);
    controller.abort(new Error("timeout"));
    await expect(waiting).rejects.toThrow("timeout");
    expect(operationSignal?.aborted).toBe(true);
    await expect(flight.join(() => Promise.resolve(5))).resolves.toBe(5);
  });
});
