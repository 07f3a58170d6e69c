// The interactive tools (docs/tools/) in real Chromium, compared with the
// packages' own results computed here in Node for the same input.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CredentialsRequestInput,
  parseCredentialsRequest,
  renderEmail,
  safeParseCredentialsRequest,
  toClientMetadata,
  toMailtoUrl,
  toMarkdown,
} from "@cadasto/credentials-request";
import { isOptError, parseTemplateVersionId, readOptMetadata } from "@cadasto/templates";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { open, watchProblems } from "./_problems.ts";
import { artifactsDir, launchChromium, repoRoot, serveSite } from "./_site.ts";

let site: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let problems: { take(): string[] };
/** Requests the tools tried to make to anywhere but the site itself (refused). */
const offSite: string[] = [];
let onSite = 0;

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  site = await serveSite();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = watchProblems(page);
  // Offline: only the site's own origin answers; anything else is refused and recorded.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${site.url}/`)) {
      onSite++;
      return route.continue();
    }
    offSite.push(url);
    return route.abort("internetdisconnected");
  });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function openTool(path: string, ready: string): Promise<void> {
  await open(page, `${site.url}${path}`);
  await page.locator(ready).waitFor();
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Fills the builder's form the way a user would, field by field, from a request input. */
async function fillRequest(input: {
  applicationName: string;
  environments: readonly string[];
  flow?: string;
  redirectUris?: readonly string[];
  allowedOrigins?: readonly string[];
  scopes: string;
  contact: { name: string; email: string; team?: string };
  description: string;
}): Promise<void> {
  await page.getByLabel("Application name").fill(input.applicationName);
  for (const environment of input.environments) await page.getByLabel(environment, { exact: true }).check();
  if (input.flow !== undefined) await page.getByLabel("Flow").selectOption(input.flow);
  if (input.redirectUris) await page.getByLabel("Redirect URIs (one per line)").fill(input.redirectUris.join("\n"));
  if (input.allowedOrigins) await page.getByLabel("Allowed CORS origins (one per line)").fill(`${input.allowedOrigins.join("\n")}\n`);
  await page.getByLabel("Scopes (space-separated)").fill(input.scopes);
  await page.getByLabel("Contact name").fill(input.contact.name);
  await page.getByLabel("Contact email").fill(input.contact.email);
  if (input.contact.team !== undefined) await page.getByLabel("Team alias (optional)").fill(input.contact.team);
  await page.getByLabel(/^Description/).fill(input.description);
}

describe("credentials request builder", () => {
  test("shows the error for an origin with a path beside the origins field", async () => {
    await openTool("/tools/credentials-request", "#cr-allowedOrigins");
    await page.getByLabel("Allowed CORS origins (one per line)").fill("https://app.example.com/path");
    await page.getByRole("button", { name: "Check request" }).click();

    const error = page.locator(".field:has(#cr-allowedOrigins) > .field-error");
    await error.waitFor();
    expect(await error.getAttribute("id")).toBe("cr-allowedOrigins-error");
    expect(await page.locator("#cr-allowedOrigins").getAttribute("aria-describedby")).toBe("cr-allowedOrigins-error");
    expect(await page.locator("#cr-allowedOrigins").getAttribute("aria-invalid")).toBe("true");
    const text = await error.innerText();
    expect(text).toContain("Line 1:");
    expect(text).toMatch(/path/i);
    // The library's own message for that origin, shown verbatim.
    const expected = (() => {
      try {
        parseCredentialsRequest({
          ...validInput,
          flow: "authorization-code-pkce",
          redirectUris: ["https://app.example.com/cb"],
          allowedOrigins: ["https://app.example.com/path"],
        });
      } catch (caught) {
        return (caught as { issues: { dotPath: string; message: string }[] }).issues.find((issue) => issue.dotPath === "allowedOrigins.0")
          ?.message;
      }
      return undefined;
    })();
    expect(expected).toBeDefined();
    expect(text).toContain(expected);
    expect(problems.take()).toEqual([]);
  });

  test("puts each problem of an empty request beside its own field, as the package's issue paths say", async () => {
    await openTool("/tools/credentials-request", "#cr-applicationName");
    await page.getByLabel("Scopes (space-separated)").fill("");
    await page.getByRole("button", { name: "Check request" }).click();
    const result = safeParseCredentialsRequest({
      applicationName: "",
      environments: [],
      redirectUris: [],
      allowedOrigins: [],
      scopes: "",
      contact: { name: "", email: "" },
      description: "",
    });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    const fields = [...new Set(issues.map((issue) => issue.dotPath))];
    expect(fields).toEqual(expect.arrayContaining(["applicationName", "environments", "scopes", "contact.email", "description"]));
    for (const field of fields) {
      const id = `cr-${field.replace(".", "-")}`;
      const error = page.locator(`.field:has(#${id}, [name="${field}"]) > .field-error`);
      const text = await error.innerText({ timeout: 5_000 });
      for (const issue of issues.filter((each) => each.dotPath === field)) expect(text, field).toContain(issue.message);
    }
    expect(problems.take()).toEqual([]);
  });

  const validInput = {
    applicationName: "Acme Lab Sync",
    environments: ["acceptation", "production"],
    scopes: "api.read api.write",
    contact: { name: "Jane Doe", email: "jane.doe@acme.example", team: "#lab-integrations" },
    description: "Uploads our lab's templates from CI on every merge.\nLists their versions nightly.",
  } satisfies CredentialsRequestInput;

  test("renders the same email, mailto link and RFC 7591 metadata as the package for a valid request", async () => {
    await openTool("/tools/credentials-request", "#cr-applicationName");
    await fillRequest(validInput);
    await page.getByLabel("Send to (for the mailto link)").fill("support@cadasto.example");
    await page.getByRole("button", { name: "Check request" }).click();

    const { request } = parseCredentialsRequest(validInput);
    const email = renderEmail(request);
    await page.locator("#cr-email-body").waitFor();
    expect(await page.locator("#cr-email-subject").textContent()).toBe(email.subject);
    expect(await page.locator("#cr-email-body").textContent()).toBe(email.body);
    expect(await page.locator("#cr-mailto").getAttribute("href")).toBe(toMailtoUrl(request, "support@cadasto.example"));
    expect(JSON.parse((await page.locator("#cr-client-metadata").textContent()) ?? "")).toEqual(toClientMetadata(request));
    expect(await page.locator(".field-error").count()).toBe(0);
    await screenshot("credentials-request-builder");
    expect(problems.take()).toEqual([]);
  });

  test("renders a browser app with PKCE (redirect URIs and origins, one per line) as the package does", async () => {
    const input = {
      applicationName: "Acme Template Browser",
      environments: ["development", "production"],
      flow: "authorization-code-pkce",
      redirectUris: ["https://templates.acme.example/auth/callback", "http://127.0.0.1:5173/auth/callback"],
      allowedOrigins: ["https://Templates.Acme.example:443", "http://127.0.0.1:5173"],
      scopes: "api.read",
      contact: { name: "Ravi Kumar", email: "ravi.kumar@acme.example" },
      description: "Clinicians browse and compare template versions.",
    } satisfies CredentialsRequestInput;
    await openTool("/tools/credentials-request", "#cr-flow");
    await fillRequest(input);

    const { request } = parseCredentialsRequest(input);
    expect(request.allowedOrigins).toContain("https://templates.acme.example"); // normalised
    await page.locator("#cr-email-body").waitFor();
    expect(await page.locator("#cr-email-body").textContent()).toBe(renderEmail(request).body);
    expect(JSON.parse((await page.locator("#cr-client-metadata").textContent()) ?? "")).toEqual(toClientMetadata(request));
    expect(await page.locator("#cr-markdown").textContent()).toBe(toMarkdown(request));
    expect(problems.take()).toEqual([]);
  });

  test("shows warnings, e.g. for an unknown scope", async () => {
    await openTool("/tools/credentials-request", "#cr-scopes");
    await fillRequest({
      applicationName: "Acme",
      environments: ["production"],
      scopes: "api.read lab.export",
      contact: { name: "Jane Doe", email: "jane@acme.example" },
      description: "Exports lab data.",
    });
    const warnings = page.getByTestId("warnings");
    await warnings.waitFor();
    expect(await warnings.innerText()).toContain("lab.export");
  });
});

describe("OPT inspector", () => {
  test("reads a fixture file chosen with the file input and shows its template_id", async () => {
    const fixture = join(repoRoot, "fixtures/templates/Demo_Vitals.opt");
    const expected = await readOptMetadata(readFileSync(fixture));
    await openTool("/tools/opt-inspector", "#opt-file");
    await page.locator("#opt-file").setInputFiles(fixture);
    const result = page.locator("#opt-result");
    await result.waitFor();
    expect(await result.locator('[data-field="templateId"]').innerText()).toBe(expected.templateId);
    expect(await result.locator('[data-field="concept"]').innerText()).toBe(expected.concept);
    expect(await result.locator('[data-field="archetypeId"]').innerText()).toBe(expected.archetypeId);
    expect(await result.locator('[data-field="uid"]').innerText()).toBe(expected.uid);
    await screenshot("opt-inspector");
    expect(problems.take()).toEqual([]);
  });

  test("reads an OPT dropped on the drop zone (non-ASCII template_id)", async () => {
    const fixture = join(repoRoot, "fixtures/templates/Koerpergroesse.opt");
    const expected = await readOptMetadata(readFileSync(fixture));
    await openTool("/tools/opt-inspector", ".dropzone");
    const text = readFileSync(fixture, "utf8");
    await page.locator(".dropzone").evaluate((zone, content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], "Koerpergroesse.opt", { type: "application/xml" }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    const result = page.locator("#opt-result");
    await result.waitFor();
    expect(await result.locator('[data-field="templateId"]').innerText()).toBe(expected.templateId);
    expect(await result.locator('[data-field="language"]').innerText()).toBe(expected.language);
    expect(problems.take()).toEqual([]);
  });

  test("shows the error code with line and column for pasted XML that breaks", async () => {
    const broken = '<?xml version="1.0"?>\n<template xmlns="http://schemas.openehr.org/v1">\n  <template_id><value>x</value>\n</template>';
    const expected = await readOptMetadata(broken).then(
      () => undefined,
      (error: unknown) => (isOptError(error) ? error : undefined),
    );
    expect(expected?.line).toBeDefined();
    await openTool("/tools/opt-inspector", "#opt-xml");
    await page.getByLabel("…or paste the OPT's XML").fill(broken);
    await page.getByRole("button", { name: "Inspect pasted XML" }).click();
    const error = page.locator("#opt-error");
    await error.waitFor();
    expect(await error.locator('[data-field="code"]').innerText()).toBe(expected?.code);
    expect((await error.locator('[data-field="position"]').innerText()).trim()).toBe(
      `at line ${expected?.line}, column ${expected?.column}`,
    );
  });
});

describe("template version id parser", () => {
  test("splits org.highmed::vitals.v1::<uuid> on the last ::", async () => {
    const id = "org.highmed::vitals.v1::0c05260d-421a-402e-bc65-dc8e3cc529a8";
    await openTool("/tools/template-version-id", "#tv-id");
    await page.getByLabel("Template id or version id").fill(id);
    expect(await page.locator('#tv-parsed [data-field="templateId"]').innerText()).toBe("org.highmed::vitals.v1");
    expect(await page.locator('#tv-parsed [data-field="uid"]').innerText()).toBe(parseTemplateVersionId(id).uid);
    await page.getByLabel("Template id or version id").fill("org.highmed::vitals.v1");
    expect(await page.locator('#tv-parsed [data-field="templateId"]').innerText()).toBe("org.highmed::vitals.v1");
    expect(await page.locator('#tv-parsed [data-field="uid"]').innerText()).toMatch(/^none/);
    await page.getByLabel("Template id or version id").fill(id);
    await screenshot("template-version-id-parser");
    expect(problems.take()).toEqual([]);
  });

  test("names the empty part of a malformed id", async () => {
    await openTool("/tools/template-version-id", "#tv-id");
    await page.getByLabel("Template id or version id").fill("::0c05260d-421a-402e-bc65-dc8e3cc529a8");
    const error = page.locator('#tv-parsed [data-field="error"]');
    await error.waitFor();
    expect(await error.innerText()).toContain("invalid_template_id");
  });
});

describe("all three tools", () => {
  test("label every control (inputs, text areas, selects, buttons)", async () => {
    for (const path of ["/tools/credentials-request", "/tools/opt-inspector", "/tools/template-version-id"]) {
      await openTool(path, ".tool");
      const unlabelled = await page.locator(".tool").evaluateAll((tools) =>
        tools.flatMap((tool) =>
          [...tool.querySelectorAll("input, textarea, select, button")]
            .filter((control) => {
              const labels = (control as HTMLInputElement).labels;
              const named = control.getAttribute("aria-label") ?? control.getAttribute("aria-labelledby");
              const text = control.tagName === "BUTTON" ? control.textContent?.trim() : "";
              return (labels === null || labels.length === 0) && !named && !text;
            })
            .map((control) => control.outerHTML.slice(0, 80)),
        ),
      );
      expect(unlabelled, path).toEqual([]);
    }
  });

  test("work offline: every request above went to the site itself", () => {
    expect(onSite).toBeGreaterThan(0);
    expect(offSite).toEqual([]);
  });
});
