// Test helper (never built): a real HTTP server on 127.0.0.1 that counts requests.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { type DiscoveryError, isDiscoveryError } from "../src/errors.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse, origin: string) => void;

export interface TestServer {
  readonly origin: string;
  readonly requests: IncomingMessage[];
  /** Replaces the handler for the following requests. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** A testdata document with `{origin}` replaced. */
export function testDocument(name: string, origin: string): string {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8").replaceAll("{origin}", origin);
}

/** Answers with `body` as JSON (or with the given content type). */
export function json(body: unknown, init: { status?: number; type?: string; headers?: Record<string, string> } = {}): Handler {
  return (_req, res) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(init.status ?? 200, { "content-type": init.type ?? "application/json", ...init.headers });
    res.end(text);
  };
}

export async function startTestServer(handler: Handler = (_req, res) => res.end()): Promise<TestServer> {
  let current = handler;
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    current(req, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The DiscoveryError a promise rejects with (fails the test otherwise). */
export async function failure(promise: Promise<unknown>): Promise<DiscoveryError> {
  const error = await promise.then(
    () => expect.fail("expected a DiscoveryError"),
    (e: unknown) => e,
  );
  if (!isDiscoveryError(error)) throw error;
  return error;
}
