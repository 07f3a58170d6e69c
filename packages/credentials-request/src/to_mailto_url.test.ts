import { describe, expect, test } from "vitest";
import { isCredentialsRequestError, parseCredentialsRequest, renderEmail, toMailtoUrl } from "./mod.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

/** Reads a mailto: URL back (RFC 6068): recipients, and each header field decoded. */
function decodeMailto(url: string) {
  expect(url.startsWith("mailto:")).toBe(true);
  const [to = "", query = ""] = url.slice("mailto:".length).split("?");
  const fields = Object.fromEntries(
    query.split("&").map((pair) => {
      const [name = "", value = ""] = pair.split("=");
      return [name, decodeURIComponent(value)];
    }),
  );
  return { to: to.split(",").map(decodeURIComponent), fields };
}

describe("toMailtoUrl()", () => {
  const { request } = parseCredentialsRequest(browserApp);

  test("decodes back to the email's subject and body, with CRLF line breaks", () => {
    const url = toMailtoUrl(request, "support@cadasto.example");
    const { subject, body } = renderEmail(request);
    const decoded = decodeMailto(url);
    expect(decoded.to).toEqual(["support@cadasto.example"]);
    expect(decoded.fields.subject).toBe(subject);
    expect(decoded.fields.body).toBe(body.replaceAll("\n", "\r\n"));
  });

  test("encodes spaces as %20 and line breaks as %0D%0A, never + or a bare LF", () => {
    const url = toMailtoUrl(request, "support@cadasto.example");
    expect(url).toContain("subject=Request%3A%20Cadasto%20API%20client%20credentials%20for%20Acme%20Template%20Browser&");
    expect(url).toContain("%0D%0A");
    expect(url).not.toMatch(/%0A(?<!%0D%0A)/);
    expect(url).not.toMatch(/[ +\n\r]/);
  });

  test("percent-encodes characters that would end a field or the query (&, =, #, ?, %)", () => {
    const tricky = parseCredentialsRequest({ ...machineToMachine, applicationName: "R&D = 100% #1?" }).request;
    const url = toMailtoUrl(tricky, "support@cadasto.example");
    expect(url).toContain("R%26D%20%3D%20100%25%20%231%3F");
    expect(decodeMailto(url).fields.subject).toBe("Request: Cadasto API client credentials for R&D = 100% #1?");
  });

  test("encodes non-ASCII text as UTF-8", () => {
    const german = parseCredentialsRequest({ ...machineToMachine, applicationName: "Körpergröße-Sync" }).request;
    const url = toMailtoUrl(german, "support@cadasto.example");
    expect(url).toContain("K%C3%B6rpergr%C3%B6%C3%9Fe-Sync");
    expect(new URL(url).searchParams.get("subject")).toBe("Request: Cadasto API client credentials for Körpergröße-Sync");
  });

  test("joins several recipients with commas", () => {
    const url = toMailtoUrl(request, ["support@cadasto.example", "ops+creds@cadasto.example"]);
    expect(url.startsWith("mailto:support@cadasto.example,ops%2Bcreds@cadasto.example?")).toBe(true);
    expect(decodeMailto(url).to).toEqual(["support@cadasto.example", "ops+creds@cadasto.example"]);
  });

  test("refuses a recipient that is not an email address, with code invalid_recipient", () => {
    let caught: unknown;
    try {
      toMailtoUrl(request, ["support@cadasto.example", "not an address"]);
    } catch (error) {
      caught = error;
    }
    expect(isCredentialsRequestError(caught) && caught.code).toBe("invalid_recipient");
    expect(isCredentialsRequestError(caught) && caught.issues.map((issue) => issue.dotPath)).toEqual(["to.1"]);
    expect(() => toMailtoUrl(request, [])).toThrow(/No recipient given/);
  });
});
