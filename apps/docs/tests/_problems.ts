// Collects what goes wrong while a page loads: console errors, uncaught
// exceptions, failed requests and HTTP error responses.
import type { Page } from "playwright-core";

/** Starts recording a page's problems; `take()` returns and clears them. */
export function watchProblems(page: Page): { take(): string[] } {
  let problems: string[] = [];
  // Chromium asks for /favicon.ico by itself when a page names no icon; the site has none.
  const isFavicon = (url: string): boolean => new URL(url, "http://x.invalid").pathname === "/favicon.ico";
  page.on("console", (message) => {
    if (message.type() === "error" && !isFavicon(message.location().url || "/")) {
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => {
    // Navigating away cancels prefetches of linked pages (net::ERR_ABORTED): not a fault of the page.
    const reason = request.failure()?.errorText ?? "";
    if (!reason.includes("ERR_ABORTED")) problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !isFavicon(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    take() {
      const taken = problems;
      problems = [];
      return taken;
    },
  };
}

/** Loads a path and waits until Vue has hydrated the page. */
export async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: "load" });
  if (response === null || response.status() !== 200) {
    throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
  }
  await page.waitForFunction(() => {
    const app = document.querySelector("#app") as (Element & { __vue_app__?: unknown }) | null;
    return app?.__vue_app__ !== undefined;
  });
}
