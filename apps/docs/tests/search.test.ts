// Local search in real Chromium: guide sections rank before API fragments for the
// queries newcomers type, and a query typed while the search box and its index are
// still loading is not lost.
import { describe, expect, test } from "vitest";
import { useChromiumSite } from "./_chromium_site.ts";
import { open } from "./_problems.ts";

const site = useChromiumSite();

/** The hrefs of the results for a query, best first. */
async function resultsFor(query: string): Promise<string[]> {
  await open(site.page, `${site.url}/`);
  await site.page
    .getByRole("button", { name: /search/i })
    .first()
    .click();
  await site.page.locator(".VPLocalSearchBox input.search-input").fill(query);
  const results = site.page.locator(".VPLocalSearchBox .results a.result");
  await results.first().waitFor({ timeout: 15_000 });
  // The list settles after the debounce; read it once it stops changing.
  let previous = "";
  for (let i = 0; i < 20; i++) {
    const now = (await results.evaluateAll((links) => links.map((a) => a.getAttribute("href")))).join("\n");
    if (now === previous) break;
    previous = now;
    await new Promise((done) => setTimeout(done, 150));
  }
  return previous.split("\n");
}

describe("local search", () => {
  test('"token": the first hits are guide sections, before any API page', async () => {
    const hrefs = await resultsFor("token");
    expect(hrefs[0], hrefs.join("\n")).toMatch(/^\/guide\/authentication#/);
    const firstApi = hrefs.findIndex((href) => href.startsWith("/api/"));
    expect(
      hrefs.slice(0, 3).every((href) => href.startsWith("/guide/")),
      hrefs.join("\n"),
    ).toBe(true);
    if (firstApi !== -1) expect(firstApi).toBeGreaterThan(2);
    expect(site.problems.take()).toEqual([]);
  });

  test('"web template": the section about the web template comes first', async () => {
    const hrefs = await resultsFor("web template");
    expect(hrefs[0], hrefs.join("\n")).toBe("/guide/template-versioning#the-opt-or-the-web-template");
    expect(site.problems.take()).toEqual([]);
  });

  test('"troubleshooting" finds the troubleshooting guide first', async () => {
    const hrefs = await resultsFor("troubleshooting");
    expect(hrefs[0]).toMatch(/^\/guide\/troubleshooting/);
  });

  test("a query typed while the search box and its index load still returns results", async () => {
    // Hold back the box's code and the index, as a slow connection does.
    await site.page.route(/VPLocalSearchBox|localSearchIndex/, async (route) => {
      await new Promise((done) => setTimeout(done, 1_500));
      await route.continue();
    });
    try {
      await open(site.page, `${site.url}/`);
      await site.page
        .getByRole("button", { name: /search/i })
        .first()
        .click();
      await site.page.keyboard.type("token");
      const input = site.page.locator(".VPLocalSearchBox input.search-input");
      await input.waitFor({ timeout: 15_000 });
      await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe("token");
      const results = site.page.locator(".VPLocalSearchBox .results a.result");
      await results.first().waitFor({ timeout: 15_000 });
      expect(await results.first().getAttribute("href")).toMatch(/^\/guide\//);
    } finally {
      await site.page.unroute(/VPLocalSearchBox|localSearchIndex/);
    }
    expect(site.problems.take()).toEqual([]);
  });
});
