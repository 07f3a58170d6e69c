// Error responses as typed errors: the three openEHR body shapes, a stable
// code per status, 409/412 as their own classes, and a client's own classes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rejection, startServer, type TestServer } from "../test/server.ts";
import {
  ApiError,
  apiErrorCode,
  ConflictError,
  createRestClient,
  isApiError,
  isConflictError,
  isPreconditionFailedError,
  isRestClientError,
  PreconditionFailedError,
  RestClientError,
} from "./mod.ts";

let server: TestServer;
// The path says what to answer: /<status>/<shape>
beforeAll(async () => {
  server = await startServer((request, response) => {
    const [, , , status, shape] = request.url.split("/");
    response.statusCode = Number(status);
    response.setHeader("content-type", shape === "text" ? "text/plain" : shape === "html" ? "text/html" : "application/json");
    if (Number(status) === 412) response.setHeader("etag", '"8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::3"');
    const bodies: Record<string, string> = {
      spec: JSON.stringify({
        message: "Invalid composition",
        validationErrors: ["/content[0]: missing", { path: "/name", message: "empty" }],
      }),
      platform: JSON.stringify({ message: "Template refused", code: "TPL-17", errors: [{ field: "concept", message: "is empty" }] }),
      ehrbase: JSON.stringify({ error: "Bad Request", message: "Unknown template Demo" }),
      text: "upstream\n timeout",
      html: "<!doctype html><html><body>502 Bad Gateway</body></html>",
      empty: "",
    };
    response.end(bodies[shape ?? "empty"] ?? "");
  });
});
afterAll(() => server.close());

const api = () => createRestClient({ baseUrl: server.baseUrl, retry: 0 });

describe("the three openEHR error body shapes", () => {
  test("{message, validationErrors} (the openEHR REST spec)", async () => {
    const error = await rejection(api().request("POST", ["400", "spec"]));
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      method: "POST",
      serverMessage: "Invalid composition",
      details: ["/content[0]: missing", "/name: empty"],
    });
    expect((error as Error).message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/openehr\/v1\/400\/spec answered 400 Bad Request: Invalid composition \(\/content\[0\]: missing; \/name: empty\)\. /,
    );
  });

  test("{message, code, errors} (some platforms)", async () => {
    const error = await rejection(api().request("POST", ["422", "platform"]));
    expect(error).toMatchObject({ code: "unprocessable_entity", serverCode: "TPL-17", details: ["concept: is empty"] });
  });

  test("EHRbase's {error, message}", async () => {
    const error = await rejection(api().request("GET", ["404", "ehrbase"]));
    expect(error).toMatchObject({ code: "not_found", serverCode: "Bad Request", serverMessage: "Unknown template Demo" });
  });

  test("plain text is the message on one line; an HTML page is kept in body only", async () => {
    expect(await rejection(api().request("GET", ["503", "text"]))).toMatchObject({
      code: "server_error",
      serverMessage: "upstream timeout",
    });
    const html = await rejection(api().request("GET", ["502", "html"]));
    expect(html).toMatchObject({ serverMessage: undefined });
    expect((html as ApiError).body).toContain("502 Bad Gateway");
  });
});

describe("a stable code per status", () => {
  test.each([
    [400, "bad_request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [406, "not_acceptable"],
    [409, "conflict"],
    [412, "precondition_failed"],
    [415, "unsupported_media_type"],
    [422, "unprocessable_entity"],
    [500, "server_error"],
    [504, "server_error"],
    [418, "unexpected_status"],
  ])("%i answers are %s", async (status, code) => {
    expect(apiErrorCode(status)).toBe(code);
    const error = await rejection(api().request("GET", [String(status), "empty"]));
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ code, status });
  });

  test("409 is a ConflictError and 412 a PreconditionFailedError carrying the current ETag", async () => {
    expect(isConflictError(await rejection(api().request("PUT", ["409", "ehrbase"])))).toBe(true);
    const stale = await rejection(api().request("PUT", ["412", "empty"]));
    expect(isPreconditionFailedError(stale)).toBe(true);
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(stale).toMatchObject({ etag: '"8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::3"' });
    expect((stale as Error).message).toContain("read the resource again and retry");
  });

  test("a class never contradicts its code: ConflictError and PreconditionFailedError refuse another status", () => {
    const init = { status: 400, method: "GET", url: "https://x.example/y" };
    expect(() => new ConflictError("x", init)).toThrow(expect.objectContaining({ code: "invalid_option", field: "status" }));
    expect(() => new PreconditionFailedError("x", init)).toThrow(RestClientError);
    expect(new ConflictError("x", { ...init, status: 409 }).code).toBe("conflict");
  });

  test("the guards see errors from another copy of the package (a brand, not instanceof)", () => {
    const foreign = Object.create(null) as object;
    Object.defineProperty(foreign, Symbol.for("cadasto.ApiError"), { value: true });
    expect(isApiError(foreign)).toBe(true);
    expect(isConflictError(new ApiError("x", { status: 409, method: "GET", url: "https://x.example" }))).toBe(false);
    expect(isApiError(new ConflictError("x", { status: 409, method: "GET", url: "https://x.example" }))).toBe(true);
    expect(isRestClientError(new Error("x"))).toBe(false);
  });
});

describe("a client's own error classes and advice", () => {
  test("errors.api builds the error from the scrubbed message and init; advice ends the message", async () => {
    class MyError extends Error {}
    const client = createRestClient({
      baseUrl: server.baseUrl,
      retry: 0,
      advice: (status, method) => `advice for ${method} ${status}`,
      errors: {
        api: (message, init) => Object.assign(new MyError(message), { init }),
        client: (code, message) => new Error(`${code}: ${message}`),
      },
    });
    const error = await rejection(client.request("DELETE", ["409", "ehrbase"]));
    expect(error).toBeInstanceOf(MyError);
    expect((error as Error).message).toMatch(/answered 409 Conflict: Unknown template Demo\. advice for DELETE 409$/);
    expect(() => client.url([".."])).toThrow(/^invalid_option: path segment 0 is "\.\."/);
  });

  test("advice that says undefined for a status leaves the default advice for it", async () => {
    const client = createRestClient({
      baseUrl: server.baseUrl,
      retry: 0,
      advice: (status) => (status === 409 ? "own advice for 409" : undefined),
    });
    expect(((await rejection(client.request("DELETE", ["409", "ehrbase"]))) as Error).message).toMatch(/\. own advice for 409$/);
    expect(((await rejection(client.request("GET", ["503", "spec"]))) as Error).message).toMatch(
      /\. The server failed: retry later; if it keeps failing, contact Cadasto support with the time and the request\.$/,
    );
  });

  test("json() refuses a body that is not JSON as invalid_response", async () => {
    const text = await startServer((_request, response) => {
      response.end("not json");
    });
    try {
      const error = await rejection(createRestClient({ baseUrl: text.baseUrl }).json("GET", ["x"]));
      expect(error).toMatchObject({ code: "invalid_response", method: "GET" });
    } finally {
      await text.close();
    }
  });
});
