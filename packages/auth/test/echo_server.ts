// Test-only: a real HTTP server on 127.0.0.1 whose answers echo the request back
// (what a misconfigured server or proxy does), for the tests that secrets and tokens
// never reach an error. `answer` builds the response from what was sent.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server received. */
export interface Received {
  authorization: string;
  body: string;
}

/** The response `answer` returns: status, headers, body. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface EchoServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startEchoServer(answer: (received: Received) => Answer): Promise<EchoServer> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen = { authorization: req.headers.authorization ?? "", body: Buffer.concat(chunks).toString("utf8") };
    received.push(seen);
    const { status, headers = {}, body = "" } = answer(seen);
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
