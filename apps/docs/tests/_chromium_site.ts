// One Chromium page on the built site for a test file: starts the site's server and the
// browser before the file's tests and closes both after.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { watchProblems } from "./_problems.ts";
import { launchChromium, serveSite } from "./_site.ts";

/** What the tests of a file use; filled in by `beforeAll`. */
export interface ChromiumSite {
  /** The site's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  browser: Browser;
  page: Page;
  problems: { take(): string[] };
}

/** Registers the hooks; read the fields inside tests (they are set before the first one). */
export function useChromiumSite(viewport?: { width: number; height: number }): ChromiumSite {
  const context = {} as ChromiumSite;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const site = await serveSite();
    close = site.close;
    context.url = site.url;
    context.browser = await launchChromium();
    context.page = await context.browser.newPage(viewport ? { viewport } : {});
    context.problems = watchProblems(context.page);
  });
  afterAll(async () => {
    await context.browser?.close();
    await close?.();
  });
  return context;
}
