// The built site in real Chromium: every page loads cleanly, local search works.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { useChromiumSite } from "./_chromium_site.ts";
import { open, watchProblems } from "./_problems.ts";
import { builtPages, repoRoot, urlPathOf } from "./_site.ts";

const site = useChromiumSite();

const pages = builtPages().filter((page) => page !== "404.html");
const guidePages = pages.filter((page) => page.startsWith("guide/"));
const apiPages = pages.filter((page) => page.startsWith("api/"));

describe("the built site", () => {
  test("has the guides and an API index page per package", () => {
    expect(guidePages.length).toBeGreaterThan(0);
    const names = readdirSync(join(repoRoot, "packages")).filter((dir) => existsSync(join(repoRoot, "packages", dir, "src/mod.ts")));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(apiPages, `API page of @cadasto/${name}`).toContain(`api/@cadasto/${name}/index.html`);
    }
  });

  test("every page (guides, packages, API reference, tools) loads in Chromium without console errors", async () => {
    const failures: string[] = [];
    const queue = [...pages];
    // A few tabs of the one browser share the pages: loading is mostly waiting.
    const tab = async (): Promise<void> => {
      const own = await site.browser.newPage();
      const ownProblems = watchProblems(own);
      try {
        for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
          const path = urlPathOf(file);
          try {
            await open(own, `${site.url}${path}`);
          } catch (error) {
            failures.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
          }
          failures.push(...ownProblems.take().map((problem) => `${path}: ${problem}`));
        }
      } finally {
        await own.close();
      }
    };
    await Promise.all([tab(), tab(), tab()]);
    expect(failures.sort()).toEqual([]);
  }, 240_000);

  test("local search finds clientCredentials", async () => {
    await open(site.page, `${site.url}/`);
    await site.page
      .getByRole("button", { name: /search/i })
      .first()
      .click();
    const input = site.page.locator(".VPLocalSearchBox input.search-input");
    await input.fill("clientCredentials");
    const results = site.page.locator(".VPLocalSearchBox .results a.result");
    await results.first().waitFor({ timeout: 15_000 });
    const texts = await results.allInnerTexts();
    expect(
      texts.some((text) => text.includes("clientCredentials")),
      texts.join("\n"),
    ).toBe(true);
    expect(site.problems.take()).toEqual([]);
  });

  test("the /packages/ page states each size target beside the size measured for it", async () => {
    const results = JSON.parse(readFileSync(join(repoRoot, "bench/results.json"), "utf8")) as {
      size: { rows: { id: string; gzip?: number; own?: { gzip: number } }[]; rules: { id: string; ok: boolean; own?: boolean }[] };
    };
    await open(site.page, `${site.url}/packages/`);
    for (const rule of results.size.rules) {
      const text = await site.page.locator(`[data-target="${rule.own ? `${rule.id}-own` : rule.id}"]`).innerText();
      const row = results.size.rows.find((candidate) => candidate.id === rule.id);
      const gzip = (rule.own ? row?.own?.gzip : row?.gzip) ?? 0;
      expect(text).toContain(`measured ${(gzip / 1024).toFixed(1)} KB`);
      expect(text.includes("missed"), text).toBe(!rule.ok);
    }
    expect(site.problems.take()).toEqual([]);
  });
});
