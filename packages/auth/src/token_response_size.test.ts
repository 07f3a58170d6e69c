import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import { caught } from "../test/helpers.ts";
import { clientCredentials } from "./client_credentials.ts";
import { isTokenEndpointError } from "./errors.ts";

// A real loopback server: no OAuth server sends these answers, so this one does.
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(body: Buffer, headers: Record<string, string>): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json", ...headers }).end(body));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
}

const options = (tokenEndpoint: string) => ({
  tokenEndpoint,
  clientId: "c",
  clientSecret: "s3cret-value",
  audience: "https://api.example/openehr/v1",
});

describe("token responses larger than 1 MiB", () => {
  test("a gzip body that inflates to 64 MiB is refused with response_too_large, reading about 1 MiB of it", async () => {
    // A valid token response padded with 64 MiB of spaces: about 64 KB once gzipped.
    const json = Buffer.concat([
      Buffer.from('{"access_token":"t","token_type":"Bearer","expires_in":3600'),
      Buffer.alloc(64 * 1024 * 1024, " "),
      Buffer.from("}"),
    ]);
    const gzipped = gzipSync(json);
    expect(gzipped.length).toBeLessThan(1024 * 1024);
    const url = await serve(gzipped, { "content-encoding": "gzip", "content-length": String(gzipped.length) });
    const before = process.memoryUsage().rss;
    const error = await caught(clientCredentials(options(url)).getToken());
    expect(isTokenEndpointError(error)).toBe(true);
    expect(error).toMatchObject({ code: "response_too_large", retryable: false, status: 200 });
    expect((error as Error).message).toMatch(/more than 1048576 bytes \(after decompression\)/);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  test("a plain body over 1 MiB is refused from its Content-Length", async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, " ");
    const url = await serve(big, { "content-length": String(big.length) });
    expect(await caught(clientCredentials(options(url)).getToken())).toMatchObject({ code: "response_too_large" });
  });

  test("a gzip token response under the limit still works", async () => {
    const body = gzipSync(Buffer.from(JSON.stringify({ access_token: "tok-123", token_type: "Bearer", expires_in: 3600 })));
    const url = await serve(body, { "content-encoding": "gzip" });
    expect((await clientCredentials(options(url)).getToken()).value).toBe("tok-123");
  });
});
