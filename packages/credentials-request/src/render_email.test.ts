import { describe, expect, test } from "vitest";
import { parseCredentialsRequest, renderEmail } from "./mod.ts";
import { expectGolden } from "../test/golden.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

const asFile = ({ subject, body }: { subject: string; body: string }) => `Subject: ${subject}\n\n${body}`;

describe("renderEmail()", () => {
  test("renders a client-credentials-only service like the golden file", () => {
    expectGolden(asFile(renderEmail(parseCredentialsRequest(machineToMachine).request)), "email_client_credentials.txt");
  });

  test("renders a browser app with PKCE like the golden file", () => {
    expectGolden(asFile(renderEmail(parseCredentialsRequest(browserApp).request)), "email_browser_pkce.txt");
  });

  test('uses the subject "Request: Cadasto API client credentials for <app>"', () => {
    expect(renderEmail(parseCredentialsRequest(machineToMachine).request).subject).toBe(
      "Request: Cadasto API client credentials for Acme Lab Sync",
    );
  });

  test("writes one line per field, in the order of Cadasto's template", () => {
    const { body } = renderEmail(parseCredentialsRequest(machineToMachine).request);
    expect(
      body
        .trimEnd()
        .split("\n")
        .map((line) => line.slice(0, line.indexOf(":"))),
    ).toEqual([
      "Application name",
      "Environment",
      "Flow",
      "Redirect URIs",
      "Allowed origins (CORS)",
      "Requested scopes",
      "Contact",
      "Team",
      "Description",
    ]);
  });

  test("indents the continuation lines of a multi-line description", () => {
    const { body } = renderEmail(parseCredentialsRequest(browserApp).request);
    expect(body).toContain("Description: A single-page app where clinicians browse and compare template versions.\n  Read-only;");
  });

  test("is stable: the same request in another order renders the same bytes", () => {
    const shuffled = {
      ...browserApp,
      environments: ["production", "development"],
      redirectUris: [...browserApp.redirectUris],
      allowedOrigins: [...browserApp.allowedOrigins].reverse().map((o) => o.toUpperCase()),
    };
    // Origins are normalised but keep their order; environments are sorted.
    const a = renderEmail(parseCredentialsRequest(browserApp).request);
    const b = renderEmail(parseCredentialsRequest(shuffled).request);
    expect(b.body.replace(/^Allowed origins.*$/m, "")).toBe(a.body.replace(/^Allowed origins.*$/m, ""));
  });

  test("holds no plain-text secret: a URL with a password is refused before rendering", () => {
    expect(() => parseCredentialsRequest({ ...browserApp, redirectUris: ["https://app:s3cr3t@templates.acme.example/cb"] })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("s3cr3t") }),
    );
  });
});
