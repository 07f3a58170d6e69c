import { afterEach, describe, expect, it, vi } from "vitest";
import { withTimeLimit } from "./time_limit.ts";

const timeoutError = () => new Error("too late");
const never = () => new Promise<never>(() => {});

afterEach(() => {
  vi.useRealTimers();
});

describe("withTimeLimit()", () => {
  it("resolves with what run resolves with, and leaves no timer and no listener behind", async () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    let given: AbortSignal | undefined;
    const value = await withTimeLimit(
      async (signal) => {
        given = signal;
        return 42;
      },
      { signal: caller.signal, timeout: 1_000, timeoutError },
    );
    expect(value).toBe(42);
    expect(vi.getTimerCount()).toBe(0);
    caller.abort(new Error("later"));
    expect(given?.aborted).toBe(false);
  });

  it("rejects with timeoutError() when the limit passes, and aborts run's signal with it", async () => {
    let given: AbortSignal | undefined;
    const error = await withTimeLimit(
      (signal) => {
        given = signal;
        return never();
      },
      { timeout: 20, timeoutError },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe("too late");
    expect(given?.aborted).toBe(true);
    expect(given?.reason).toBe(error);
  });

  it("rejects at the limit also when run ignores its signal and never settles", async () => {
    vi.useFakeTimers();
    const settled = withTimeLimit(never, { timeout: 5_000, timeoutError }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(((await settled) as Error).message).toBe("too late");
  });

  it("rejects with the caller's reason when the caller's signal aborts, and aborts run's signal with it", async () => {
    const caller = new AbortController();
    const reason = new Error("stop");
    let given: AbortSignal | undefined;
    const settled = withTimeLimit(
      (signal) => {
        given = signal;
        return never();
      },
      { signal: caller.signal, timeoutError },
    ).catch((e: unknown) => e);
    caller.abort(reason);
    expect(await settled).toBe(reason);
    expect(given?.reason).toBe(reason);
  });

  it("does not call run when the caller's signal has already aborted", async () => {
    const reason = new Error("stop");
    const run = vi.fn(never);
    const error = await withTimeLimit(run, { signal: AbortSignal.abort(reason), timeout: 1_000, timeoutError }).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(run).not.toHaveBeenCalled();
  });

  it("rejects with run's own error when no limit passed", async () => {
    const failure = new TypeError("fetch failed");
    const error = await withTimeLimit(() => Promise.reject(failure), { timeout: 1_000, timeoutError }).catch((e: unknown) => e);
    expect(error).toBe(failure);
    const thrown = await withTimeLimit(
      () => {
        throw failure;
      },
      { timeoutError },
    ).catch((e: unknown) => e);
    expect(thrown).toBe(failure);
  });

  it("reports the limit, not the AbortError a fetch rejects with once its signal aborted", async () => {
    const error = await withTimeLimit(
      (signal) =>
        new Promise<never>((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
        }),
      { timeout: 20, timeoutError },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe("too late");
  });

  it("has no limit of its own without a timeout", async () => {
    vi.useFakeTimers();
    let finish: (value: string) => void = () => {};
    const settled = withTimeLimit(() => new Promise<string>((resolve) => (finish = resolve)), { timeoutError });
    expect(vi.getTimerCount()).toBe(0);
    finish("done");
    expect(await settled).toBe("done");
  });
});
