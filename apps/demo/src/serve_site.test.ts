import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type SiteServer, serveSite } from "./serve_site.ts";

let dir: string;
let site: SiteServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cadasto-site-"));
  mkdirSync(join(dir, "guide"));
  writeFileSync(join(dir, "index.html"), "<h1>home</h1>");
  writeFileSync(join(dir, "404.html"), "<h1>not found</h1>");
  writeFileSync(join(dir, "guide", "quick-start.html"), "<h1>quick start</h1>");
  writeFileSync(join(dir, "secret.txt"), "outside?");
  site = await serveSite(join(dir));
});
afterAll(async () => {
  await site?.close();
});

describe("serveSite()", () => {
  test("listens on 127.0.0.1 and serves clean URLs", async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetch(site.url)).text()).toBe("<h1>home</h1>");
    const page = await fetch(new URL("guide/quick-start", site.url));
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe("<h1>quick start</h1>");
  });

  test("answers unknown paths and escapes from the folder with 404.html", async () => {
    const missing = await fetch(new URL("nope", site.url));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("<h1>not found</h1>");
    const outside = await fetch(new URL("/%2e%2e/%2e%2e/etc/passwd", site.url));
    expect(outside.status).toBe(404);
  });

  test("refuses a folder without index.html", async () => {
    await expect(serveSite(join(dir, "guide"))).rejects.toThrow(/no index.html/);
  });
});
