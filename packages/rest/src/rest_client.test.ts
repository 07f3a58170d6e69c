// createRestClient(): options and paths refused before any request, against a
// real HTTP server on 127.0.0.1 that records what reaches it.
import ky from "ky";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rejection, startServer, type TestServer } from "../test/server.ts";
import { createRestClient, encodePathSegment, isRestClientError, type RestClientOptions } from "./mod.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ method: request.method, url: request.url }));
  });
});
afterAll(() => server.close());

describe("the base URL", () => {
  test.each([
    ["http on a public host", "http://api.example.org/openehr/v1"],
    ["http on a *.localhost name (resolved by DNS outside browsers)", "http://api.localhost:8080/openehr/v1"],
    ["a relative URL", "/openehr/v1"],
    ["credentials", "https://user:pw@api.example.org/openehr/v1"],
    ["a query", "https://api.example.org/openehr/v1?x=1"],
    ["a fragment", "https://api.example.org/openehr/v1#top"],
    ["another scheme", "ftp://api.example.org/openehr/v1"],
  ])("createRestClient() refuses %s as invalid_base_url", (_, baseUrl) => {
    let error: unknown;
    try {
      createRestClient({ baseUrl });
    } catch (caught) {
      error = caught;
    }
    expect(isRestClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_base_url", field: "baseUrl" });
  });

  test("https anywhere and http on 127.0.0.1, [::1] and localhost are accepted; a trailing slash is dropped", () => {
    expect(createRestClient({ baseUrl: "https://acme.api.prod.cadasto.io/openehr/v1/" }).baseUrl).toBe(
      "https://acme.api.prod.cadasto.io/openehr/v1",
    );
    for (const host of ["127.0.0.1:8080", "[::1]:8080", "localhost:8080"]) {
      expect(createRestClient({ baseUrl: new URL(`http://${host}/v1`) }).baseUrl).toBe(`http://${host}/v1`);
    }
  });
});

describe("options", () => {
  test.each<[string, Partial<RestClientOptions>, string]>([
    ["a fetch that is not a function", { fetch: "fetch" as never }, "fetch"],
    ["both fetch and ky", { fetch: globalThis.fetch, ky }, "ky"],
    ["an auth without invalidate()", { auth: { getToken: async () => ({ value: "t" }) } as never }, "auth"],
    ["a negative retry", { retry: -1 }, "retry"],
    ["a timeout of zero", { timeout: 0 }, "timeout"],
    ["a timeout beyond setTimeout's range", { timeout: 2 ** 31 }, "timeout"],
  ])("createRestClient() refuses %s, naming the field", (_, options, field) => {
    expect(() => createRestClient({ baseUrl: server.baseUrl, ...options })).toThrow(
      expect.objectContaining({ code: "invalid_option", field }),
    );
  });
});

describe("paths", () => {
  test("each segment is percent-encoded: /, ?, #, ::, spaces and non-ASCII stay inside it", async () => {
    const api = createRestClient({ baseUrl: server.baseUrl });
    const body = await api.json<{ url: string }>("GET", ["definition", "a/b?c#d", "org.highmed::Körpergröße v1"]);
    expect(body.url).toBe("/openehr/v1/definition/a%2Fb%3Fc%23d/org.highmed%3A%3AK%C3%B6rpergr%C3%B6%C3%9Fe%20v1");
  });

  test.each([".", "..", "%2e", "%2E%2e", ".%2E", ""])(
    "get(%j) is refused before any request: a dot segment would reach another path",
    async (segment) => {
      const api = createRestClient({ baseUrl: server.baseUrl });
      const before = server.received.length;
      const error = await rejection(api.request("GET", ["definition", "template", "adl1.4", segment]));
      expect(error).toMatchObject({ code: "invalid_option", field: "path" });
      expect(server.received.length).toBe(before);
    },
  );

  test("a segment like a.b, ... or .x is an ordinary name", async () => {
    const api = createRestClient({ baseUrl: server.baseUrl });
    const body = await api.json<{ url: string }>("GET", ["x", "a.b", "...", ".x"]);
    expect(body.url).toBe("/openehr/v1/x/a.b/.../.x");
  });

  test("encodePathSegment() applies the same rule, naming the caller's field", () => {
    expect(encodePathSegment("a b")).toBe("a%20b");
    expect(() => encodePathSegment("..", "templateId")).toThrow(expect.objectContaining({ code: "invalid_option", field: "templateId" }));
  });

  test("a URL is accepted only under the base URL (a Location), never on another origin or path", async () => {
    const api = createRestClient({ baseUrl: server.baseUrl });
    const inside = await api.json<{ url: string }>("GET", new URL(`${server.baseUrl}/ehr/1?x=1`));
    expect(inside.url).toBe("/openehr/v1/ehr/1?x=1");
    const before = server.received.length;
    for (const outside of [
      "https://evil.example/openehr/v1/ehr",
      `${server.baseUrl}x/ehr`,
      server.baseUrl.replace("/openehr/v1", "/other"),
    ]) {
      await expect(api.request("GET", new URL(outside))).rejects.toMatchObject({ code: "invalid_option", field: "path" });
    }
    expect(server.received.length).toBe(before);
  });

  test("the query is encoded; undefined values are left out", async () => {
    const api = createRestClient({ baseUrl: server.baseUrl });
    const body = await api.json<{ url: string }>("GET", ["query"], { query: { q: "a&b=c", offset: 0, fetch: undefined } });
    expect(body.url).toBe("/openehr/v1/query?q=a%26b%3Dc&offset=0");
  });

  test("a header value that cannot be sent is refused before any request", async () => {
    const api = createRestClient({ baseUrl: server.baseUrl });
    const before = server.received.length;
    await expect(api.request("GET", ["x"], { headers: { prefer: "a\nb" } })).rejects.toMatchObject({
      code: "invalid_option",
      field: "headers",
    });
    await expect(api.request("GET X", ["x"])).rejects.toMatchObject({ code: "invalid_option", field: "method" });
    expect(server.received.length).toBe(before);
  });

  test("json() refuses a header value that cannot be sent the same way, and asks for JSON unless told otherwise", async () => {
    const api = createRestClient({ baseUrl: server.baseUrl });
    const before = server.received.length;
    await expect(api.json("GET", ["x"], { headers: { prefer: "a\nb" } })).rejects.toMatchObject({
      code: "invalid_option",
      field: "headers",
    });
    expect(server.received.length).toBe(before);
    await api.json("GET", ["x"]);
    await api.json("GET", ["x"], { headers: { accept: "application/openehr.wt+json" } });
    expect(server.received.slice(before).map((r) => r.headers.accept)).toEqual(["application/json", "application/openehr.wt+json"]);
  });
});

describe("sending with the caller's fetch or ky", () => {
  test("a custom fetch is used for every request", async () => {
    const seen: string[] = [];
    const api = createRestClient({
      baseUrl: server.baseUrl,
      fetch: async (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return await globalThis.fetch(input, init);
      },
    });
    await api.request("GET", ["one"]);
    expect(seen).toEqual([`${server.baseUrl}/one`]);
  });

  test("a ky instance keeps its hooks and its fetch; its prefixUrl is ignored", async () => {
    const seen: string[] = [];
    const mine = ky.create({
      prefixUrl: "https://elsewhere.example/",
      fetch: async (input, init) => {
        seen.push("fetch");
        return await globalThis.fetch(input, init);
      },
      hooks: { beforeRequest: [(request) => request.headers.set("x-mine", "1")] },
    });
    const api = createRestClient({ baseUrl: server.baseUrl, ky: mine });
    const before = server.received.length;
    await api.request("GET", ["two"]);
    expect(seen).toEqual(["fetch"]);
    expect(server.received[before]?.headers["x-mine"]).toBe("1");
    expect(server.received[before]?.url).toBe("/openehr/v1/two");
  });
});
