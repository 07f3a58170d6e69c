// Test-only: a small resource server on 127.0.0.1 that answers 401 to the
// bearer tokens a test marks as rejected (what an API does with a revoked or
// expired token), and echoes everything else. A real HTTP server, not a stub.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  accept: string | undefined;
  body: string;
}

export interface TestApi {
  url: string;
  seen: SeenRequest[];
  reject(token: string): void;
  rejectAll: boolean;
  close(): Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  const rejected = new Set<string>();
  const api: TestApi = {
    url: "",
    seen: [],
    reject: (token) => rejected.add(token),
    rejectAll: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    api.seen.push(seen);
    const token = /^Bearer (.+)$/.exec(seen.authorization ?? "")?.[1];
    if (token === undefined || api.rejectAll || rejected.has(token)) {
      res.writeHead(401, {
        "www-authenticate": 'Bearer error="invalid_token", error_description="the access token is not valid"',
      });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ method: seen.method, body: seen.body }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
