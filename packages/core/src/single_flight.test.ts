import { describe, expect, test } from "vitest";
import { SingleFlight } from "./single_flight.ts";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("SingleFlight", () => {
  test("concurrent callers share one run and its result; once settled the next call starts a new run", async () => {
    const flight = new SingleFlight<number>();
    const d = deferred<number>();
    let starts = 0;
    const start = () => {
      starts++;
      return d.promise;
    };
    const all = Array.from({ length: 100 }, (_, i) => flight.join(start, i % 2 === 0 ? undefined : new AbortController().signal));
    expect(starts).toBe(1);
    d.resolve(7);
    expect(await Promise.all(all)).toEqual(Array(100).fill(7));
    await expect(flight.join(async () => 8)).resolves.toBe(8);
    expect(starts).toBe(1);
  });

  test("start is called before join() returns", () => {
    const flight = new SingleFlight<number>();
    let started = false;
    void flight.join(async () => {
      started = true;
      return 1;
    });
    expect(started).toBe(true);
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

  test("one caller's abort rejects only that caller, with its reason", async () => {
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
    const reason = new Error("bye");
    controller.abort(reason);
    await expect(quitter).rejects.toBe(reason);
    d.resolve(1);
    await expect(stayer).resolves.toBe(1);
    expect(aborted).toBe(false);
  });

  test("when every caller aborts, the run is aborted with the last reason and the next call starts afresh", async () => {
    const flight = new SingleFlight<number>();
    let runSignal: AbortSignal | undefined;
    const first = new AbortController();
    const second = new AbortController();
    const start = (signal: AbortSignal) => {
      runSignal = signal;
      return new Promise<number>(() => undefined);
    };
    const waiting = [flight.join(start, first.signal), flight.join(start, second.signal)];
    first.abort(new Error("first"));
    expect(runSignal?.aborted).toBe(false);
    second.abort(new Error("timeout"));
    await expect(waiting[0]).rejects.toThrow("first");
    await expect(waiting[1]).rejects.toThrow("timeout");
    expect(runSignal?.aborted).toBe(true);
    expect(runSignal?.reason).toEqual(new Error("timeout"));
    // The aborted run is forgotten at once, even before it settles.
    await expect(flight.join(() => Promise.resolve(5))).resolves.toBe(5);
  });

  test("a caller without a signal keeps the run going when the others give up", async () => {
    const flight = new SingleFlight<number>();
    const d = deferred<number>();
    let runSignal: AbortSignal | undefined;
    const start = (signal: AbortSignal) => {
      runSignal = signal;
      return d.promise;
    };
    const controller = new AbortController();
    const quitter = flight.join(start, controller.signal);
    const pinned = flight.join(start);
    controller.abort(new Error("gone"));
    await expect(quitter).rejects.toThrow("gone");
    expect(runSignal?.aborted).toBe(false);
    d.resolve(3);
    await expect(pinned).resolves.toBe(3);
  });

  test("once the run settled, a caller's signal is let go: aborting it later touches nothing", async () => {
    const flight = new SingleFlight<number>();
    let runSignal: AbortSignal | undefined;
    const controller = new AbortController();
    await expect(
      flight.join(async (signal) => {
        runSignal = signal;
        return 4;
      }, controller.signal),
    ).resolves.toBe(4);
    controller.abort(new Error("late"));
    expect(runSignal?.aborted).toBe(false);
  });

  test("a caller whose signal has already aborted is rejected with its reason and starts nothing", async () => {
    const flight = new SingleFlight<number>();
    let starts = 0;
    const reason = new Error("too late");
    await expect(
      flight.join(async () => {
        starts++;
        return 1;
      }, AbortSignal.abort(reason)),
    ).rejects.toBe(reason);
    expect(starts).toBe(0);
  });

  test("runs with different keys are separate; the same key is shared", async () => {
    const flight = new SingleFlight<string, string>();
    const started: string[] = [];
    const start = (key: string) => async () => {
      started.push(key);
      await Promise.resolve();
      return key;
    };
    const results = await Promise.all([
      flight.join(start("a"), undefined, "a"),
      flight.join(start("b"), undefined, "b"),
      flight.join(start("a"), undefined, "a"),
    ]);
    expect(results).toEqual(["a", "b", "a"]);
    expect(started).toEqual(["a", "b"]);
  });

  test("aborting every caller of one key leaves the other key's run alone", async () => {
    const flight = new SingleFlight<string, string>();
    const signals = new Map<string, AbortSignal>();
    const d = deferred<string>();
    const start = (key: string) => (signal: AbortSignal) => {
      signals.set(key, signal);
      return d.promise;
    };
    const controller = new AbortController();
    const a = flight.join(start("a"), controller.signal, "a");
    const b = flight.join(start("b"), new AbortController().signal, "b");
    controller.abort(new Error("a gave up"));
    await expect(a).rejects.toThrow("a gave up");
    expect(signals.get("a")?.aborted).toBe(true);
    expect(signals.get("b")?.aborted).toBe(false);
    d.resolve("done");
    await expect(b).resolves.toBe("done");
  });
});
