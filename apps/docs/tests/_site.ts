// Shared by the docs' browser tests: the built site, a static server for it on
// loopback, and Debian's Chromium driven by playwright-core.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../../test-support/chromium.ts";

/** The repository root. */
export const repoRoot: string = fileURLToPath(new URL("../../../", import.meta.url));
/** VitePress's build output. */
export const distDir: string = fileURLToPath(new URL("../.vitepress/dist/", import.meta.url));
/** Where screenshots go (gitignored). */
export const artifactsDir: string = join(repoRoot, "test-artifacts");

/** Throws a message saying how to build the site when it was not built. */
export function assertSiteBuilt(): void {
  if (!existsSync(join(distDir, "index.html"))) {
    throw new Error(
      `The docs site is not built (no ${relative(repoRoot, distDir)}/index.html). ` +
        "Build it first: `npx -y pnpm@10.34.9 exec turbo run build --filter=@cadasto/docs...` " +
        "(`turbo run test` builds it for you: the test task depends on build).",
    );
  }
}

/** Every HTML file of the built site, as paths relative to the dist folder with "/" separators. */
export function builtPages(): string[] {
  assertSiteBuilt();
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html")) pages.push(relative(distDir, path).split(sep).join("/"));
    }
  };
  walk(distDir);
  return pages.sort();
}

/** The URL path VitePress (cleanUrls) serves an HTML file under: `guide/x.html` → `/guide/x`, `api/index.html` → `/api/`. */
export function urlPathOf(page: string): string {
  if (page === "index.html") return "/";
  if (page.endsWith("/index.html")) return `/${page.slice(0, -"index.html".length)}`;
  return `/${page.slice(0, -".html".length)}`;
}

/**
 * The file the site serves for a URL path, the way a static host with clean
 * URLs does: the file itself, `<path>.html`, or `<path>/index.html`; undefined
 * when none exists (or the path escapes the site).
 */
export function fileFor(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const base = resolve(distDir, `.${decoded}`);
  if (base !== distDir.replace(/[/\\]$/, "") && !base.startsWith(distDir)) return undefined;
  for (const candidate of [base, `${base}.html`, join(base, "index.html")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** A static server for the built site on 127.0.0.1 (a free port); unknown paths get 404.html with status 404. */
export async function serveSite(): Promise<{ url: string; close(): Promise<void> }> {
  assertSiteBuilt();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = fileFor(path);
    if (file === undefined) {
      response.writeHead(404, { "content-type": TYPES[".html"] });
      response.end(readFileSync(join(distDir, "404.html")));
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Launches headless Chromium (one per test file). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
