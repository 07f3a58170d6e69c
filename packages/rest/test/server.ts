// A real HTTP server on 127.0.0.1 for the REST core's tests: each test gives
// the handler, the server records every request (method, url, headers, body).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

export interface TestServer {
  /** e.g. `http://127.0.0.1:40123/openehr/v1` */
  readonly baseUrl: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export type Handler = (request: Received, response: ServerResponse, index: number) => void | Promise<void>;

export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const record = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) };
      received.push(record);
      Promise.resolve(handler(record, response, received.length - 1)).catch((error: unknown) => {
        response.statusCode = 599;
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/openehr/v1`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A token source handing out `token-1`, `token-2`, … and recording what it is told to forget. */
export interface CountingTokens {
  readonly invalidated: string[];
  readonly handedOut: number;
  getToken(): Promise<{ value: string }>;
  invalidate(token: string): void;
}

export function countingTokens(prefix = "secret-token-value"): CountingTokens {
  const invalidated: string[] = [];
  let handedOut = 0;
  return {
    invalidated,
    get handedOut(): number {
      return handedOut;
    },
    async getToken(): Promise<{ value: string }> {
      handedOut += 1;
      return { value: `${prefix}-${handedOut}` };
    },
    invalidate(token: string): void {
      invalidated.push(token);
    },
  };
}

/** The rejection of `promise` (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}
