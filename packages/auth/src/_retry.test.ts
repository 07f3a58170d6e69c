import { describe, expect, test } from "vitest";
import { isTokenEndpointError, TokenEndpointError } from "./errors.ts";
import { backoff, parseRetryAfter, retrying, withRetryAfter } from "./_retry.ts";

describe("retry policy", () => {
  test("backoff grows exponentially, stays within its step, and is capped at 5 s", () => {
    expect(backoff(1, 0)).toBe(100);
    expect(backoff(1, 1)).toBe(200);
    expect(backoff(3, 1)).toBe(800);
    expect(backoff(20, 1)).toBe(5000);
    expect(backoff(20, 0)).toBe(2500);
  });

  test("Retry-After is read as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    expect(parseRetryAfter(inTwoSeconds)).toBeGreaterThan(0);
    expect(parseRetryAfter(inTwoSeconds)).toBeLessThanOrEqual(2000);
  });

  const failing = (retryAfter?: number) =>
    withRetryAfter(new TokenEndpointError("http_error", "HTTP 503.", { status: 503, retryable: true }), retryAfter);

  test("retrying() gives up after the attempts allowed and says how many", async () => {
    let calls = 0;
    const error = await retrying(
      () => {
        calls++;
        return Promise.reject(failing());
      },
      { attempts: 3, deadline: 10_000, timeout: 1000 },
      new AbortController().signal,
      "http://127.0.0.1/token",
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(TokenEndpointError);
    expect((error as TokenEndpointError).attempts).toBe(3);
    expect((error as Error).message).toMatch(/Gave up after 3 attempts/);
  });

  test("retrying() stops at once when Retry-After would pass the deadline", async () => {
    let calls = 0;
    const error = await retrying(
      () => {
        calls++;
        return Promise.reject(failing(60_000));
      },
      { attempts: 5, deadline: 2000, timeout: 1000 },
      new AbortController().signal,
      "http://127.0.0.1/token",
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect((error as TokenEndpointError).code).toBe("deadline_exceeded");
    expect((error as Error).message).toMatch(/retry\.deadline/);
  });

  test("retrying() never retries a non-retryable error", async () => {
    let calls = 0;
    const refused = new TokenEndpointError("invalid_response", "bad", { retryable: false });
    const error = await retrying(
      () => {
        calls++;
        return Promise.reject(refused);
      },
      { attempts: 5, deadline: 2000, timeout: 1000 },
      new AbortController().signal,
      "u",
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBe(refused);
  });

  test("retrying() turns a hung attempt into a timeout error", async () => {
    const error = await retrying(
      (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      { attempts: 1, deadline: 2000, timeout: 50 },
      new AbortController().signal,
      "http://127.0.0.1/token",
    ).catch((e: unknown) => e);
    expect((error as TokenEndpointError).code).toBe("timeout");
    expect((error as TokenEndpointError).retryable).toBe(true);
  });

  test("retrying() times out an attempt that ignores its signal, and tries again", async () => {
    let calls = 0;
    const started = Date.now();
    const error = await retrying(
      () => {
        calls++;
        return new Promise(() => {});
      },
      { attempts: 2, deadline: 5000, timeout: 50 },
      new AbortController().signal,
      "http://127.0.0.1/token",
    ).catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((error as TokenEndpointError).code).toBe("timeout");
    expect((error as TokenEndpointError).attempts).toBe(2);
    expect((error as TokenEndpointError).message).toMatch(
      /did not answer within 50 ms: check that it is up, or raise retry\.timeout\. Gave up after 2 attempts\.$/,
    );
  });

  test("retrying() with attempts: 1 still reports how many attempts were made", async () => {
    let calls = 0;
    const error = await retrying(
      () => {
        calls++;
        return Promise.reject(failing(0));
      },
      { attempts: 1, deadline: 2000, timeout: 1000 },
      new AbortController().signal,
      "u",
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(isTokenEndpointError(error)).toBe(true);
    expect((error as TokenEndpointError).attempts).toBe(1);
    expect((error as TokenEndpointError).code).toBe("http_error");
    expect((error as TokenEndpointError).status).toBe(503);
    expect((error as TokenEndpointError).message).toMatch(/Gave up after 1 attempt\.$/);
  });

  test("retrying() rejects with the caller's abort reason while waiting to retry", async () => {
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const pending = retrying(() => Promise.reject(failing(1000)), { attempts: 5, deadline: 10_000, timeout: 1000 }, controller.signal, "u");
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });
});
