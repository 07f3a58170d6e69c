import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { redactFields, inspectAs } from "./redaction.ts";
import { createScrubber, REDACTED, secretForms } from "./scrubber.ts";

const clientId = "my client:1";
const secret = "p@ss w/ord+=!*'()~é";

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** RFC 6749 §2.3.1 / Appendix B: application/x-www-form-urlencoded, every reserved character escaped. */
function strictForm(text: string): string {
  return encodeURIComponent(text)
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%20", "+");
}

describe("createScrubber()", () => {
  const scrubber = createScrubber([{ clientId, secret }]);

  const sent: Record<string, string> = {
    raw: secret,
    "percent-encoded": encodeURIComponent(secret),
    "form-encoded (URLSearchParams)": new URLSearchParams({ client_secret: secret }).toString().split("=")[1] ?? "",
    "form-encoded (strict)": strictForm(secret),
    "lower-case escapes": encodeURIComponent(secret).toLowerCase(),
    "Basic credentials (RFC 6749)": base64(`${strictForm(clientId)}:${strictForm(secret)}`),
    "Basic credentials (URLSearchParams)": base64(
      `${new URLSearchParams({ a: clientId }).toString().slice(2)}:${new URLSearchParams({ a: secret }).toString().slice(2)}`,
    ),
    "Basic credentials (raw pair)": base64(`${clientId}:${secret}`),
    "Basic credentials, base64url without padding": base64(`${clientId}:${secret}`)
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, ""),
    "Basic credentials, percent-encoded": encodeURIComponent(base64(`${strictForm(clientId)}:${strictForm(secret)}`)),
    "id:secret pair": `${clientId}:${secret}`,
  };

  for (const [form, value] of Object.entries(sent)) {
    it(`removes the secret sent ${form}`, () => {
      expect(value.length).toBeGreaterThan(4);
      const text = `before ${value} after`;
      const out = scrubber.text(text);
      expect(out).toBe(`before ${REDACTED} after`);
      expect(scrubber.leaks(text)).toBe(true);
      expect(scrubber.leaks(out)).toBe(false);
    });
  }

  it("removes every occurrence and leaves other text alone", () => {
    expect(scrubber.text(`${secret}|${secret}`)).toBe(`${REDACTED}|${REDACTED}`);
    expect(scrubber.text("invalid_client: client authentication failed")).toBe("invalid_client: client authentication failed");
  });

  it("scrubs strings and keys inside JSON-like values, keeping the shape", () => {
    const value = scrubber.value({ error: secret, nested: [{ [secret]: `Basic ${base64(`${clientId}:${secret}`)}` }], n: 1, ok: true });
    expect(value).toEqual({ error: REDACTED, nested: [{ [REDACTED]: `Basic ${REDACTED}` }], n: 1, ok: true });
    expect(scrubber.value(new Error(`echo ${secret}`))).toBe(`Error: echo ${REDACTED}`);
  });

  it("ignores undefined, empty and too-short secrets", () => {
    const short = createScrubber([undefined, "", "abc"]);
    expect(short.text("abc def")).toBe("abc def");
    expect(secretForms("")).toEqual([]);
  });

  it("scrubs a bare token in raw and percent-encoded form", () => {
    const token = "eyJhbGciOi.J9+/x=";
    const tokens = createScrubber([token]);
    expect(tokens.text(`Bearer ${token} ${encodeURIComponent(token)}`)).toBe(`Bearer ${REDACTED} ${REDACTED}`);
  });
});

describe("redactFields() / inspectAs()", () => {
  it("hide a field from JSON.stringify and util.inspect, also in a spread copy, and keep its value", () => {
    const options = redactFields({ clientId: "a", clientSecret: "s3cr3t-value" }, ["clientSecret"]);
    expect(options.clientSecret).toBe("s3cr3t-value");
    for (const value of [options, { ...options }]) {
      expect(JSON.stringify(value)).not.toContain("s3cr3t-value");
      expect(inspect(value)).not.toContain("s3cr3t-value");
      expect(JSON.stringify(value)).toContain(REDACTED);
    }
  });

  it("inspectAs() renders instances through the given function", () => {
    class Token {
      constructor(readonly value: string) {}
    }
    inspectAs(Token, () => "Token { value: [redacted] }");
    expect(inspect(new Token("s3cr3t-value"))).toBe("Token { value: [redacted] }");
    expect(inspect({ nested: new Token("s3cr3t-value") })).not.toContain("s3cr3t-value");
  });
});
