import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failure, type TestServer, json, startTestServer, testDocument } from "../test/server.ts";
import { cadastoUrls } from "./cadasto_urls.ts";
import { type DiscoverOptions, discover as discoverCached } from "./discover.ts";

// These tests are about one exchange each: no cache (caching: discover_cache.test.ts).
const discover = (url: string | URL, options: DiscoverOptions = {}) => discoverCached(url, { cache: false, ...options });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(json(testDocument("cadasto.json", server.origin)));
});

/** A fetch that counts its calls and delegates to the real one. */
function countingFetch() {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    calls.push(String(input instanceof Request ? input.url : input));
    return globalThis.fetch(input, init);
  };
  return { calls, fetch };
}

describe("discover() reads a configuration", () => {
  it("discover() reads Cadasto's documented body from /.well-known/smart-configuration", async () => {
    const config = await discover(server.origin);
    expect(config).toEqual({
      authorization_endpoint: `${server.origin}/oauth2/authorize`,
      token_endpoint: `${server.origin}/oauth2/token`,
      grant_types_supported: ["client_credentials", "authorization_code"],
      scopes_supported: ["api.read", "api.write"],
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe("GET");
    expect(server.requests[0]?.url).toBe("/.well-known/smart-configuration");
    expect(server.requests[0]?.headers.accept).toBe("application/json");
  });

  it("discover() reads a full HL7 + openEHR body and keeps unknown fields", async () => {
    server.handle(json(testDocument("full.json", server.origin)));
    const config = await discover(server.origin);
    expect(config.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post", "private_key_jwt"]);
    expect(config.capabilities).toContain("client-confidential-symmetric");
    expect(config.services?.["org.openehr.rest"]).toEqual({ baseUrl: "http://127.0.0.1:1/openehr/v1", description: "openEHR REST API" });
    expect(config.services?.["org.example.reports"]?.baseUrl).toBe("https://reports.example.org/v2");
    expect(config.x_cadasto_region).toBe("eu-west");
    expect(config.issuer).toBe(server.origin);
  });

  it("discover() keeps the base URL's path and accepts a trailing slash or the full well-known URL", async () => {
    await discover(`${server.origin}/tenants/acme/`);
    await discover(new URL(`${server.origin}/.well-known/smart-configuration`));
    await discover(`${server.origin}/`);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/tenants/acme/.well-known/smart-configuration",
      "/.well-known/smart-configuration",
      "/.well-known/smart-configuration",
    ]);
  });

  it("discover() accepts JSON with a charset, a +json type, or no Content-Type", async () => {
    const body = testDocument("cadasto.json", server.origin);
    server.handle(json(body, { type: "application/json; charset=utf-8" }));
    await discover(server.origin);
    server.handle(json(body, { type: "application/smart+json" }));
    await discover(server.origin);
    server.handle((_req, res) => {
      res.removeHeader("content-type");
      res.end(body);
    });
    const config = await discover(server.origin);
    expect(config.token_endpoint).toBe(`${server.origin}/oauth2/token`);
  });

  it("discover() uses the fetch option", async () => {
    const { calls, fetch } = countingFetch();
    await discover(server.origin, { fetch });
    expect(calls).toEqual([`${server.origin}/.well-known/smart-configuration`]);
  });

  it("discover() still takes customFetch, the deprecated name of fetch", async () => {
    const { calls, fetch } = countingFetch();
    await discover(server.origin, { customFetch: fetch, cache: false });
    expect(calls).toEqual([`${server.origin}/.well-known/smart-configuration`]);
  });

  it("discover() refuses fetch and customFetch with different values, before any request", async () => {
    const error = await failure(discover(server.origin, { fetch: countingFetch().fetch, customFetch: countingFetch().fetch }));
    expect(error.code).toBe("invalid_option");
    expect(error.message).toContain("options.customFetch");
    expect(server.requests).toHaveLength(0);
  });

  it("discover() allows a token endpoint on an origin listed in allowedOrigins", async () => {
    server.handle(json({ token_endpoint: "https://login.acme.example/oauth2/token" }));
    const config = await discover(server.origin, { allowedOrigins: ["https://login.acme.example/"] });
    expect(config.token_endpoint).toBe("https://login.acme.example/oauth2/token");
  });

  it("discover() accepts http endpoints on loopback hosts (localhost, 127.0.0.0/8, ::1)", async () => {
    server.handle(
      json({
        token_endpoint: `${server.origin}/token`,
        jwks_uri: "http://localhost:9/jwks",
        revocation_endpoint: "http://127.8.9.10/revoke",
        services: { "org.openehr.rest": { baseUrl: "http://[::1]:8080/openehr/v1" } },
      }),
    );
    const config = await discover(server.origin);
    expect(config.services?.["org.openehr.rest"]?.baseUrl).toBe("http://[::1]:8080/openehr/v1");
  });

  it("discover() refuses http on *.localhost, which the OS resolver may send to DNS (the SDK's one loopback rule)", async () => {
    const caller = await failure(discover("http://auth.localhost:8080"));
    expect(caller.code).toBe("insecure_endpoint");
    server.handle(
      json({
        token_endpoint: `${server.origin}/token`,
        services: { "org.openehr.rest": { baseUrl: "http://api.localhost:8080/openehr/v1" } },
      }),
    );
    const document = await failure(discover(server.origin, { cache: false }));
    expect(document.code).toBe("insecure_endpoint");
  });
});

describe("discover() refuses bad input before any request", () => {
  it.each([
    ["not a URL", "acme.auth.prod.cadasto.io", "invalid_url"],
    ["an empty string", "", "invalid_url"],
    ["another scheme", "ftp://acme.example", "invalid_url"],
    ["a query", "https://acme.example/?x=1", "invalid_url"],
    ["a fragment", "https://acme.example/#top", "invalid_url"],
    ["http on a public host", "http://acme.auth.prod.cadasto.io", "insecure_endpoint"],
  ])("discover() refuses %s as authBaseUrl", async (_name, url, code) => {
    const { calls, fetch } = countingFetch();
    const error = await failure(discover(url, { fetch }));
    expect(error.code).toBe(code);
    expect(error.message).toContain("authBaseUrl");
    expect(calls).toEqual([]);
  });

  it("discover() refuses a URL with credentials without repeating them", async () => {
    const { calls, fetch } = countingFetch();
    const error = await failure(discover("https://user:s3cret@acme.example", { fetch }));
    expect(error.code).toBe("invalid_url");
    expect(error.message).not.toContain("s3cret");
    expect(calls).toEqual([]);
  });

  it("discover() refuses a bad tenant before any request", async () => {
    const { calls, fetch } = countingFetch();
    const error = await failure(Promise.resolve().then(() => discover(cadastoUrls({ tenant: "acme corp" }).authBaseUrl, { fetch })));
    expect(error.code).toBe("invalid_tenant");
    expect(calls).toEqual([]);
  });

  it.each([
    ["a negative timeout", { timeout: -1 }, "options.timeout"],
    ["a NaN timeout", { timeout: Number.NaN }, "options.timeout"],
    ["allowedOrigins that is not an array", { allowedOrigins: "https://a.example" as unknown as string[] }, "options.allowedOrigins"],
    ["an http allowed origin", { allowedOrigins: ["http://login.acme.example"] }, "options.allowedOrigins[0]"],
    ["an allowed origin that is not a URL", { allowedOrigins: ["login.acme.example"] }, "options.allowedOrigins[0]"],
    ["a fetch that is not a function", { fetch: "fetch" as unknown as typeof fetch }, "options.fetch"],
    ["a customFetch that is not a function", { customFetch: "fetch" as unknown as typeof fetch }, "options.customFetch"],
  ])("discover() refuses %s and makes no request", async (_name, options, field) => {
    const error = await failure(discover(server.origin, options));
    expect(["invalid_option", "invalid_url", "insecure_endpoint"]).toContain(error.code);
    expect(error.message).toContain(field);
    expect(server.requests).toHaveLength(0);
  });

  it("discover() makes no request when the signal is already aborted", async () => {
    const error = await failure(discover(server.origin, { signal: AbortSignal.abort(new Error("stop")) }));
    expect(error.code).toBe("aborted");
    expect((error.cause as Error).message).toBe("stop");
    expect(server.requests).toHaveLength(0);
  });
});

describe("discover() refuses bad answers", () => {
  it.each([404, 500, 503])("discover() reports HTTP %i as http_error with the status", async (status) => {
    server.handle(json({ error: "nope" }, { status }));
    const error = await failure(discover(server.origin));
    expect(error.code).toBe("http_error");
    expect(error.status).toBe(status);
    expect(error.message).toContain(String(status));
    expect(error.url).toBe(`${server.origin}/.well-known/smart-configuration`);
  });

  it("discover() refuses an HTML answer by its Content-Type", async () => {
    server.handle(json("<html><body>Sign in</body></html>", { type: "text/html; charset=utf-8" }));
    const error = await failure(discover(server.origin));
    expect(error.code).toBe("invalid_json");
    expect(error.message).toContain("text/html");
  });

  it("discover() refuses a body that is not valid JSON", async () => {
    server.handle(json('{"token_endpoint": ', { type: "application/json" }));
    const error = await failure(discover(server.origin));
    expect(error.code).toBe("invalid_json");
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ["an array", [], [[]]],
    ["a string", "hello", [[]]],
    ["a document without token_endpoint", { scopes_supported: ["api.read"] }, [["token_endpoint"]]],
    ["a token_endpoint that is not a URL", { token_endpoint: "/oauth2/token" }, [["token_endpoint"]]],
    ["a token_endpoint with a fragment", { token_endpoint: "https://a.example/token#x" }, [["token_endpoint"]]],
    ["scopes that are not a list", { token_endpoint: "{origin}/t", scopes_supported: "api.read api.write" }, [["scopes_supported"]]],
    [
      "a list holding a number",
      { token_endpoint: "{origin}/t", grant_types_supported: ["client_credentials", 7] },
      [["grant_types_supported", 1]],
    ],
    [
      "a service that is not an object",
      { token_endpoint: "{origin}/t", services: { "org.openehr.rest": "https://api.example" } },
      [["services", "org.openehr.rest"]],
    ],
    [
      "a service baseUrl that is not a URL",
      { token_endpoint: "{origin}/t", services: { "org.openehr.rest": { baseUrl: "api.example/openehr" } } },
      [["services", "org.openehr.rest", "baseUrl"]],
    ],
  ])("discover() refuses %s as invalid_document naming the path", async (_name, body, paths) => {
    server.handle(json(JSON.stringify(body).replaceAll("{origin}", server.origin)));
    const error = await failure(discover(server.origin));
    expect(error.code).toBe("invalid_document");
    expect(error.issues.map((issue) => issue.path)).toEqual(paths);
    for (const path of paths) expect(error.message).toContain(path.join(".") || "JSON object");
  });

  it.each([
    ["an http token endpoint", { token_endpoint: "http://acme.example/oauth2/token" }, ["token_endpoint"]],
    [
      "an http openEHR base URL",
      { token_endpoint: "{origin}/t", services: { "org.openehr.rest": { baseUrl: "http://api.acme.example/openehr/v1" } } },
      ["services", "org.openehr.rest", "baseUrl"],
    ],
    ["an http jwks_uri", { token_endpoint: "{origin}/t", jwks_uri: "http://10.0.0.1/jwks" }, ["jwks_uri"]],
  ])("discover() refuses %s as insecure_endpoint naming the field", async (_name, body, path) => {
    server.handle(json(JSON.stringify(body).replaceAll("{origin}", server.origin)));
    const error = await failure(discover(server.origin));
    expect(error.code).toBe("insecure_endpoint");
    expect(error.issues.map((issue) => issue.path)).toEqual([path]);
    expect(error.message).toContain(path.join("."));
  });

  it("discover() refuses a body over 1 MiB, also when it is sent without a length", async () => {
    const padding = "x".repeat(1024 * 1024);
    server.handle(json({ token_endpoint: `${server.origin}/t`, padding }));
    const declared = await failure(discover(server.origin));
    expect(declared.code).toBe("invalid_document");
    expect(declared.message).toContain("1048576 bytes");
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }); // chunked: no Content-Length
      res.write(`{"token_endpoint":"${server.origin}/t","padding":"`);
      res.write(padding);
      res.end('"}');
    });
    const streamed = await failure(discover(server.origin));
    expect(streamed.code).toBe("invalid_document");
  });

  it("discover() refuses a token endpoint on another origin", async () => {
    server.handle(json({ token_endpoint: "https://evil.example/oauth2/token" }));
    const error = await failure(discover(server.origin));
    expect(error.code).toBe("foreign_origin");
    expect(error.issues.map((issue) => issue.path)).toEqual([["token_endpoint"]]);
    expect(error.message).toContain("https://evil.example");
    expect(error.message).toContain("allowedOrigins");
  });

  it("discover() refuses a document whose issuer names another server (RFC 8414 §3.3) with issuer_mismatch", async () => {
    server.handle((req, res, origin) =>
      json({ token_endpoint: `${origin}/oauth2/token`, issuer: "https://evil.example" })(req, res, origin),
    );
    const error = await failure(discover(server.origin));
    expect(error.code).toBe("issuer_mismatch");
    expect(error.issues.map((issue) => issue.path)).toEqual([["issuer"]]);
    expect(error.message).toContain("https://evil.example");
    server.handle((req, res, origin) => json({ token_endpoint: `${origin}/oauth2/token`, issuer: "http://127.0.0.1:1" })(req, res, origin));
    expect((await failure(discover(server.origin))).code).toBe("issuer_mismatch");
  });

  it("discover() accepts an issuer on the server's own origin, with or without a path", async () => {
    for (const path of ["", "/", "/realms/acme"]) {
      server.handle((req, res, origin) => json({ token_endpoint: `${origin}/oauth2/token`, issuer: `${origin}${path}` })(req, res, origin));
      expect((await discover(server.origin)).issuer).toBe(`${server.origin}${path}`);
    }
  });

  it("discover() treats another port on the same host as another origin", async () => {
    server.handle(json({ token_endpoint: "http://127.0.0.1:1/oauth2/token" }));
    expect((await failure(discover(server.origin))).code).toBe("foreign_origin");
  });

  it("discover() refuses a redirect to an http host that is not loopback", async () => {
    // A fetch double: a real server cannot send us to a public http host here (no network),
    // so the real answer is marked as redirected to one.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      Object.defineProperty(response, "redirected", { value: true });
      Object.defineProperty(response, "url", { value: "http://evil.example/.well-known/smart-configuration" });
      return response;
    };
    const error = await failure(discover(server.origin, { fetch }));
    expect(error.code).toBe("insecure_endpoint");
    expect(error.url).toBe("http://evil.example/.well-known/smart-configuration");
  });

  it("discover() follows a redirect on the same origin", async () => {
    server.handle((req, res, origin) => {
      if (req.url === "/old/.well-known/smart-configuration") {
        res.writeHead(301, { location: "/.well-known/smart-configuration" }).end();
      } else {
        json(testDocument("cadasto.json", origin))(req, res, origin);
      }
    });
    const config = await discover(`${server.origin}/old`);
    expect(config.token_endpoint).toBe(`${server.origin}/oauth2/token`);
    expect(server.requests).toHaveLength(2);
  });
});

describe("discover() gives up in time", () => {
  it("discover() times out when the server does not answer", async () => {
    server.handle(() => {});
    const error = await failure(discover(server.origin, { timeout: 100 }));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("100 ms");
  });

  it("discover() times out when the body stalls after the headers", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"token_endpoint":');
    });
    const error = await failure(discover(server.origin, { timeout: 150 }));
    expect(error.code).toBe("timeout");
  });

  it("discover() times out even when a custom fetch ignores the signal", async () => {
    // A fetch double: the point is a fetch that never settles and ignores its signal.
    const error = await failure(discover(server.origin, { timeout: 50, fetch: () => new Promise<Response>(() => {}) }));
    expect(error.code).toBe("timeout");
  });

  it("discover() stops when the caller's signal aborts", async () => {
    server.handle(() => {});
    const controller = new AbortController();
    const reason = new Error("user left");
    setTimeout(() => controller.abort(reason), 50);
    const error = await failure(discover(server.origin, { signal: controller.signal, timeout: 0 }));
    expect(error.code).toBe("aborted");
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it("discover() reports a refused connection as network_error", async () => {
    const closed = await startTestServer();
    await closed.close();
    const error = await failure(discover(closed.origin));
    expect(error.code).toBe("network_error");
    expect(error.message).toContain(closed.origin);
  });
});
