// ky underneath: retries of idempotent requests only (Retry-After honoured),
// a time limit per attempt, no answer as network_error, and aborts — also
// after a garbage collection, which loses a Request's signal in undici.
import { createServer } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { rejection, startServer, type TestServer } from "../test/server.ts";
import { createRestClient, isRestClientError } from "./mod.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering 503 with `Retry-After: 1` to the first request, then 200. */
async function unavailableOnce() {
  const at: number[] = [];
  server = await startServer((_request, response, index) => {
    at.push(performance.now());
    if (index === 0) {
      response.statusCode = 503;
      response.setHeader("retry-after", "1");
      response.end();
      return;
    }
    response.end("{}");
  });
  return { server, at };
}

describe("retries", () => {
  test("a GET answered 503 with Retry-After: 1 is sent again after that second", async () => {
    const { server, at } = await unavailableOnce();
    const response = await createRestClient({ baseUrl: server.baseUrl }).request("GET", ["x"]);
    expect(response.status).toBe(200);
    expect(server.received.length).toBe(2);
    // Retry-After is a lower bound on the wait (no upper bound is asserted: speed is the bench's).
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  test("a POST answered 503 is not retried: it is not idempotent", async () => {
    const { server } = await unavailableOnce();
    const error = await rejection(createRestClient({ baseUrl: server.baseUrl }).request("POST", ["x"], { body: "<x/>" }));
    expect(error).toMatchObject({ code: "server_error", status: 503 });
    expect(server.received.length).toBe(1);
  });

  test("a POST the caller declares safe to repeat (retry.methods) is retried", async () => {
    const { server } = await unavailableOnce();
    const api = createRestClient({ baseUrl: server.baseUrl });
    const response = await api.request("POST", ["query", "aql"], { json: { q: "SELECT 1" }, retry: { methods: ["post"] } });
    expect(response.status).toBe(200);
    expect(server.received.map((r) => r.body.toString("utf8"))).toEqual(['{"q":"SELECT 1"}', '{"q":"SELECT 1"}']);
  });

  test("retry: 0 turns retries off", async () => {
    const { server } = await unavailableOnce();
    await expect(createRestClient({ baseUrl: server.baseUrl, retry: 0 }).request("GET", ["x"])).rejects.toMatchObject({ status: 503 });
    expect(server.received.length).toBe(1);
  });
});

describe("no answer", () => {
  test("an attempt without an answer within the timeout is a timeout error", async () => {
    server = await startServer(() => undefined); // never answers
    const api = createRestClient({ baseUrl: server.baseUrl, timeout: 200, retry: 0 });
    const error = await rejection(api.request("GET", ["slow"]));
    expect(isRestClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: "timeout", method: "GET" });
    expect((error as Error).message).toContain("within 200 ms");
  });

  test("a refused connection is network_error naming the system error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(createRestClient({ baseUrl: `http://127.0.0.1:${port}/v1`, retry: 0 }).request("GET", ["x"]));
    expect(error).toMatchObject({ code: "network_error", method: "GET", url: `http://127.0.0.1:${port}/v1/x` });
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  test("an abort rejects with the signal's reason", async () => {
    server = await startServer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled by the caller")), 50);
    const error = await rejection(createRestClient({ baseUrl: server.baseUrl }).request("GET", ["x"], { signal: controller.signal }));
    expect((error as Error).message).toBe("cancelled by the caller");
  });
});

// undici links a Request's signal to its parent through a weak reference: after
// a GC, `fetch(new Request(url, { signal }))` ignores the abort (the
// templates client on authFetch lost 6 of 6 aborts so). The client passes the
// caller's signal to fetch itself as well; this guards the whole path.
describe("aborts survive a garbage collection", () => {
  test("a POST aborted after a GC still stops: the caller's signal goes to fetch itself", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) throw new Error("run this test with node --expose-gc (the package's vitest config passes it)");
    let closedEarly = 0;
    server = await startServer((_request, response) => {
      // Answers only after 1.5 s; a request whose abort got lost waits for it.
      response.on("close", () => {
        if (!response.writableEnded) closedEarly += 1;
      });
      setTimeout(() => response.end("{}"), 1_500);
    });
    const api = createRestClient({
      baseUrl: server.baseUrl,
      auth: { getToken: async () => ({ value: "t0123" }), invalidate: () => undefined },
    });
    for (let run = 0; run < 3; run += 1) {
      const controller = new AbortController();
      const pending = api.request("POST", ["x"], { body: new TextEncoder().encode("<template/>"), signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 100));
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(new Error("stop"));
      await expect(pending).rejects.toThrow("stop");
    }
    // The aborts reached the network: the server saw each connection close before it answered.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedEarly).toBe(3);
  });
});
