// The built site in real Chromium: every page loads cleanly, local search works.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { open, watchProblems } from "./_problems.ts";
import { builtPages, launchChromium, serveSite, urlPathOf } from "./_site.ts";

let site: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let problems: { take(): string[] };

beforeAll(async () => {
  site = await serveSite();
  browser = await launchChromium();
  page = await browser.newPage();
  problems = watchProblems(page);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const pages = builtPages().filter((page) => page !== "404.html");
const guidePages = pages.filter((page) => page.startsWith("guide/"));
const apiPages = pages.filter((page) => page.startsWith("api/"));

describe("the built site", () => {
  test("has the guides and an API index page per package", () => {
    expect(guidePages.length).toBeGreaterThan(0);
    for (const name of ["discovery", "auth", "templates", "openehr", "credentials-request", "sandbox"]) {
      expect(apiPages, `API page of @cadasto/${name}`).toContain(`api/@cadasto/${name}/index.html`);
    }
  });

  test("every page (guides, packages, API reference, tools) loads in Chromium without console errors", async () => {
    const failures: string[] = [];
    const queue = [...pages];
    // A few tabs of the one browser share the pages: loading is mostly waiting.
    const tab = async (): Promise<void> => {
      const own = await browser.newPage();
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
    await open(page, `${site.url}/`);
    await page.getByRole("button", { name: /search/i }).first().click();
    const input = page.locator(".VPLocalSearchBox input.search-input");
    await input.fill("clientCredentials");
    const results = page.locator(".VPLocalSearchBox .results a.result");
    await results.first().waitFor({ timeout: 15_000 });
    const texts = await results.allInnerTexts();
    expect(texts.some((text) => text.includes("clientCredentials")), texts.join("\n")).toBe(true);
    expect(problems.take()).toEqual([]);
  });
});
