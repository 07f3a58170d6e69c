// A broken-link check over the built site: every internal href/src in every
// HTML file must name a file the site serves, and a #fragment an id on that page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { builtPages, distDir, fileFor, urlPathOf } from "./_site.ts";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&quot;": '"', "&#39;": "'", "&lt;": "<", "&gt;": ">" };
const decode = (value: string): string => value.replace(/&(amp|quot|#39|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);

/** The ids on a page (anchors a #fragment can point to). */
const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (ids === undefined) {
    ids = new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]*)"/g)].map((match) => decode(match[1] ?? "")));
    idsCache.set(file, ids);
  }
  return ids;
}

describe("links in the built site", () => {
  test("every internal link and asset reference resolves (pages and #anchors)", () => {
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(10);
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const file = join(distDir, page);
      const base = new URL(urlPathOf(page), "http://site.invalid");
      const html = readFileSync(file, "utf8");
      for (const match of html.matchAll(/<(a|link|script|img)\b[^>]*?\s(href|src)="([^"]*)"/g)) {
        const raw = decode(match[3] ?? "");
        if (raw === "" || /^(mailto|tel|javascript|data):/i.test(raw)) continue;
        const url = new URL(raw, base);
        if (url.origin !== base.origin) continue; // another host: not ours to check offline
        checked++;
        const target = url.pathname === base.pathname ? file : fileFor(url.pathname);
        if (target === undefined) {
          broken.push(`${urlPathOf(page)} → ${raw} (no such page or file)`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment !== "" && target.endsWith(".html") && !idsOf(target).has(fragment)) {
          broken.push(`${urlPathOf(page)} → ${raw} (no id "${fragment}" on that page)`);
        }
      }
    }
    expect(checked).toBeGreaterThan(pages.length);
    expect(broken).toEqual([]);
  });
});
