import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

/** A running static site server. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** The file for a URL path with clean URLs (`/a` → `a`, `a.html` or `a/index.html`), inside `root` only. */
function fileFor(root: string, pathname: string): string | undefined {
  let path: string;
  try {
    path = resolve(root, `.${decodeURIComponent(pathname)}`);
  } catch {
    return undefined;
  }
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  for (const candidate of [path, `${path}.html`, join(path, "index.html")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/**
 * Serves a built static site (VitePress output with clean URLs) on a loopback
 * address; unknown paths get the site's `404.html` with status 404.
 *
 * @param dir The site's folder, e.g. `apps/docs/.vitepress/dist`.
 * @param options `port` (default 0: a free port) and `host` (default `127.0.0.1`).
 * @returns The server's URL and `close()`.
 * @throws {Error} When the port is taken (`EADDRINUSE`) or the folder has no index.html.
 */
export async function serveSite(dir: string, options: { port?: number; host?: string } = {}): Promise<SiteServer> {
  const root = resolve(dir);
  if (fileFor(root, "/") === undefined) {
    throw new Error(`${root} has no index.html: build the docs site first (pnpm start builds it).`);
  }
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    const file = fileFor(root, pathname);
    const status = file === undefined ? 404 : 200;
    const body = file ?? fileFor(root, "/404.html");
    response.writeHead(status, { "content-type": TYPES[extname(body ?? ".html")] ?? "application/octet-stream" });
    if (body === undefined || request.method === "HEAD") response.end();
    else createReadStream(body).pipe(response);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
