// The bearer from a token source and its one replay on 401, against a real
// HTTP server on 127.0.0.1 that refuses chosen tokens and echoes what it got.
import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { countingTokens, rejection, startServer, type TestServer } from "../test/server.ts";
import { createRestClient, isApiError } from "./mod.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that answers 401 to the tokens in `refused` and echoes the body and token otherwise. */
async function refusing(refused: (token: string, index: number) => boolean): Promise<TestServer> {
  server = await startServer((request, response, index) => {
    const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (refused(token, index)) {
      response.statusCode = 401;
      response.setHeader("www-authenticate", 'Bearer error="invalid_token", error_description="token expired"');
      response.end();
      return;
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ token, body: request.body.toString("utf8") }));
  });
  return server;
}

describe("bearer and the one replay on 401", () => {
  test("every request carries the token; a caller's own authorization header is replaced", async () => {
    const { baseUrl } = await refusing(() => false);
    const tokens = countingTokens();
    const api = createRestClient({ baseUrl, auth: tokens });
    const body = await api.json<{ token: string }>("GET", ["x"], { headers: { authorization: "Basic abc" } });
    expect(body.token).toBe("secret-token-value-1");
  });

  test.each<[string, () => BodyInit | (() => BodyInit)]>([
    ["bytes", () => new TextEncoder().encode("<template/>")],
    ["a string", () => "<template/>"],
    ["a function making the body per send", () => () => "<template/>"],
    [
      "a one-shot ReadableStream (teed, so the replay has it)",
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("<template/>"));
            controller.close();
          },
        }),
    ],
  ])("a 401 invalidates exactly that token and sends the request once more, with the body (%s)", async (_, body) => {
    const { baseUrl, received } = await refusing((_token, index) => index === 0);
    const tokens = countingTokens();
    const api = createRestClient({ baseUrl, auth: tokens });
    const answer = await api.json<{ token: string; body: string }>("POST", ["x"], { body: body() });
    expect(answer).toEqual({ token: "secret-token-value-2", body: "<template/>" });
    expect(tokens.invalidated).toEqual(["secret-token-value-1"]);
    expect(received.map((r) => r.body.toString("utf8"))).toEqual(["<template/>", "<template/>"]);
  });

  test("a second 401 is an unauthorized ApiError naming the challenge, after exactly two sends", async () => {
    const { baseUrl, received } = await refusing(() => true);
    const tokens = countingTokens();
    const api = createRestClient({ baseUrl, auth: tokens });
    const error = await rejection(api.request("GET", ["x"]));
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ code: "unauthorized", status: 401, serverCode: "invalid_token", serverMessage: "token expired" });
    expect((error as Error).message).toContain("to a freshly requested token as well");
    expect(tokens.handedOut).toBe(2);
    expect(tokens.invalidated).toEqual(["secret-token-value-1"]);
    expect(received.length).toBe(2);
  });

  test("without auth a 401 is not replayed", async () => {
    const { baseUrl, received } = await refusing(() => true);
    const error = await rejection(createRestClient({ baseUrl }).request("GET", ["x"]));
    expect(error).toMatchObject({ code: "unauthorized" });
    expect((error as Error).message).not.toContain("freshly requested");
    expect(received.length).toBe(1);
  });

  test("the caller's signal also stops the wait for a token, with the signal's reason", async () => {
    const { baseUrl, received } = await refusing(() => false);
    const slow = { getToken: () => new Promise<{ value: string }>(() => undefined), invalidate: () => undefined };
    const api = createRestClient({ baseUrl, auth: slow });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop waiting")), 20);
    await expect(api.request("GET", ["x"], { signal: controller.signal })).rejects.toThrow("stop waiting");
    expect(received.length).toBe(0);
  });
});

describe("the bearer that was sent never shows in an error, even when the server echoes it", () => {
  /** Answers every request with `status` and a body made by `echo` from the Authorization header. */
  async function echoing(status: number, echo: (authorization: string) => string, contentType = "application/json") {
    server = await startServer((request, response) => {
      const authorization = String(request.headers.authorization ?? "");
      response.statusCode = status;
      response.setHeader("content-type", contentType);
      if (status === 401) response.setHeader("www-authenticate", `Bearer error="invalid_token", error_description="${authorization}"`);
      response.setHeader("etag", `"${authorization}"`);
      response.end(echo(authorization));
    });
    return server.baseUrl;
  }

  const cases: [string, number, (authorization: string) => string, string?][] = [
    ["a 400 message", 400, (a) => JSON.stringify({ message: `bad header ${a}` })],
    ["422 validation errors", 422, (a) => JSON.stringify({ message: "invalid", validationErrors: [{ path: a, message: a }] })],
    ["a 500 text body", 500, (a) => `upstream said: ${a}`, "text/plain"],
    ["a text body cut at 500 characters through the token", 500, (a) => `${"x".repeat(480)} ${a}`, "text/plain"],
    ["JSON escapes (\\/ and \\u)", 400, (a) => JSON.stringify({ error: "e", message: a }).replaceAll("-", "\\u002d")],
    ["a percent-encoded echo", 400, (a) => JSON.stringify({ message: encodeURIComponent(a) })],
    ["EHRbase's {error, message} as keys", 409, (a) => JSON.stringify({ error: a, message: "conflict", [a]: a })],
    ["the WWW-Authenticate challenge after the replay", 401, () => ""],
  ];
  test.each(cases)("%s", async (_, status, echo, contentType) => {
    const baseUrl = await echoing(status, echo, contentType);
    const tokens = countingTokens("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl+/=");
    const error = await rejection(createRestClient({ baseUrl, auth: tokens }).request("POST", ["x"], { body: "{}" }));
    expect(isApiError(error)).toBe(true);
    const shown = [
      (error as Error).message,
      JSON.stringify(error),
      JSON.stringify((error as { body: unknown }).body),
      inspect(error, { depth: 10, showHidden: true }),
    ].join("\n");
    for (let n = 1; n <= tokens.handedOut; n += 1) {
      const token = `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl+/=-${n}`;
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(encodeURIComponent(token));
      // Nor a long piece of it (a cut through the token).
      expect(shown).not.toContain(token.slice(0, 24));
    }
    expect(shown).toContain("[redacted]");
  });
});
