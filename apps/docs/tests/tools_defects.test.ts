// The tool defects a newcomer met, each checked in real Chromium on the built site:
// invalid fields turn red, a "*" in a redirect URI's path is refused (by the package's
// own rule), spaces around a version id are shown, an empty "Inspect pasted XML"
// clears the old result, and the overview diagram fits a 1440 px wide window.
import { safeParseCredentialsRequest } from "@cadasto/credentials-request";
import { describe, expect, test } from "vitest";
import { useChromiumSite } from "./_chromium_site.ts";
import { open } from "./_problems.ts";

const site = useChromiumSite({ width: 1440, height: 900 });

/** The computed border colour of an element, and the colour the theme uses for errors. */
async function borderAndDanger(selector: string): Promise<{ border: string; danger: string; normal: string }> {
  return site.page.evaluate((sel) => {
    const element = document.querySelector(sel) as HTMLElement;
    const probe = document.createElement("span");
    probe.style.color = "var(--vp-c-danger-1)";
    document.body.append(probe);
    const danger = getComputedStyle(probe).color;
    probe.style.color = "var(--vp-c-divider)";
    const normal = getComputedStyle(probe).color;
    probe.remove();
    return { border: getComputedStyle(element).borderTopColor, danger, normal };
  }, selector);
}

describe("the tools", () => {
  test("an invalid text input turns red (aria-invalid beats the field style)", async () => {
    await open(site.page, `${site.url}/tools/template-version-id`);
    const input = site.page.getByLabel("Template id or version id");
    await input.fill("::0c05260d-421a-402e-bc65-dc8e3cc529a8");
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
    const invalid = await borderAndDanger("#tv-id");
    expect(invalid.border).toBe(invalid.danger);
    await input.fill("Demo Vitals");
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe("false");
    const valid = await borderAndDanger("#tv-id");
    expect(valid.border).not.toBe(valid.danger);

    await open(site.page, `${site.url}/tools/credentials-request`);
    await site.page.getByLabel("Contact email").fill("not an address");
    await site.page.getByLabel("Contact name").click();
    const email = await site.page.getByLabel("Contact email").getAttribute("id");
    await expect.poll(() => site.page.locator(`#${email}`).getAttribute("aria-invalid")).toBe("true");
    const field = await borderAndDanger(`#${email}`);
    expect(field.border).toBe(field.danger);
    expect(site.problems.take()).toEqual([]);
  });

  test("a redirect URI with * in its path is refused beside the field, with the package's wildcard message", async () => {
    const uri = "https://app.example.com/*/callback";
    const expected = safeParseCredentialsRequest({ flow: "authorization-code-pkce", redirectUris: [uri] });
    const issue = expected.ok ? undefined : expected.issues.find((i) => i.dotPath === "redirectUris.0");
    expect(issue?.code).toBe("wildcard");
    await open(site.page, `${site.url}/tools/credentials-request`);
    await site.page.getByLabel("Redirect URIs (one per line)").fill(uri);
    await site.page.getByLabel("Contact name").click();
    const errors = site.page.locator("#cr-redirectUris-error");
    await expect.poll(() => errors.innerText()).toContain(issue?.message ?? "?");
    expect(await site.page.locator("#cr-redirectUris").getAttribute("aria-invalid")).toBe("true");
    expect(site.problems.take()).toEqual([]);
  });

  test("a version id with a trailing space is split after trimming, and the spaces are pointed out", async () => {
    await open(site.page, `${site.url}/tools/template-version-id`);
    const uuid = "0c05260d-421a-402e-bc65-dc8e3cc529a8";
    await site.page.getByLabel("Template id or version id").fill(`Demo Vitals::${uuid} `);
    expect(await site.page.locator('#tv-parsed [data-field="templateId"]').innerText()).toBe("Demo Vitals");
    expect(await site.page.locator('#tv-parsed [data-field="uid"]').innerText()).toBe(uuid);
    expect(await site.page.locator('#tv-parsed [data-field="trimmed"]').isVisible()).toBe(true);
    await site.page.getByLabel("Template id or version id").fill(`Demo Vitals::${uuid}`);
    expect(await site.page.locator('#tv-parsed [data-field="trimmed"]').count()).toBe(0);
    expect(site.problems.take()).toEqual([]);
  });

  test('"Inspect pasted XML" with an empty box clears the previous result', async () => {
    await open(site.page, `${site.url}/tools/opt-inspector`);
    const opt =
      '<template xmlns="http://schemas.openehr.org/v1"><template_id><value>Demo</value></template_id><concept>Demo</concept>' +
      "<definition><archetype_id><value>openEHR-EHR-COMPOSITION.encounter.v1</value></archetype_id></definition></template>";
    await site.page.getByLabel("…or paste the OPT's XML").fill(opt);
    await site.page.getByRole("button", { name: "Inspect pasted XML" }).click();
    await site.page.locator('#opt-result [data-field="templateId"]').waitFor();
    await site.page.getByLabel("…or paste the OPT's XML").fill("");
    await site.page.getByRole("button", { name: "Inspect pasted XML" }).click();
    await site.page.locator("#opt-notice").waitFor();
    expect(await site.page.locator("#opt-result").count()).toBe(0);
    expect(await site.page.locator("#opt-error").count()).toBe(0);
    expect(await site.page.locator("#opt-notice").innerText()).toMatch(/paste the XML/);
    expect(site.problems.take()).toEqual([]);
  });

  test("the overview diagram fits a 1440 px wide window without scrolling", async () => {
    await open(site.page, `${site.url}/guide/`);
    const block = site.page.locator(".vp-doc div[class*='language-'] pre").first();
    await block.waitFor();
    const { scrollWidth, clientWidth } = await block.evaluate((pre) => ({ scrollWidth: pre.scrollWidth, clientWidth: pre.clientWidth }));
    expect(scrollWidth, "the diagram is cut off (it scrolls sideways)").toBeLessThanOrEqual(clientWidth);
    expect(await block.innerText()).toContain("@cadasto/templates");
    expect(site.problems.take()).toEqual([]);
  });
});
