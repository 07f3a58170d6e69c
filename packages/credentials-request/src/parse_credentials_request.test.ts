import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  CredentialsRequestError,
  isCredentialsRequestError,
  parseCredentialsRequest,
  renderEmail,
  safeParseCredentialsRequest,
  toJSON,
} from "./mod.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

/** Printable text without control characters or line and paragraph separators, not blank. */
const plainText = (maxLength: number) =>
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it excludes
    .filter((text) => text.trim().length > 0 && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text));

const scopeToken = fc.stringMatching(/^[\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]{1,16}$/);
const host = fc.domain();
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const origin = fc.tuple(host, port).map(([name, p]) => `https://${name}${p === undefined ? "" : `:${p}`}`);
const redirectUri = fc.oneof(
  fc
    .tuple(
      origin,
      fc.webPath().filter((path) => !path.includes("*")) /* "*" is a wildcard: refused */,
      fc.webQueryParameters(),
    )
    .map(([o, path, query]) => `${o}${path}${query ? `?${query}` : ""}`),
  fc.tuple(fc.constantFrom("127.0.0.1", "[::1]"), fc.integer({ min: 1024, max: 65535 })).map(([ip, p]) => `http://${ip}:${p}/callback`),
);

/** Valid requests, as a user could write them. */
const validInput = fc
  .record({
    applicationName: plainText(100),
    environments: fc.subarray(["development", "acceptation", "production", "staging", "Production"], { minLength: 1 }),
    scopes: fc.oneof(
      fc.array(scopeToken, { minLength: 1, maxLength: 4 }),
      fc.array(scopeToken, { minLength: 1 }).map((s) => s.join(" ")),
    ),
    contact: fc.record(
      {
        name: plainText(200),
        email: fc.emailAddress().filter((e) => e.length <= 254 && /\.[a-z]/i.test(e.split("@")[1] ?? "")),
        team: plainText(200),
      },
      { requiredKeys: ["name", "email"] },
    ),
    description: plainText(2000),
    interactive: fc.option(
      fc.record({
        redirectUris: fc.array(redirectUri, { minLength: 1, maxLength: 3 }),
        allowedOrigins: fc.array(origin, { maxLength: 3 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ interactive, ...rest }) => (interactive === undefined ? rest : { ...rest, ...interactive }));

/** Anything near a request: each field valid, wrong or absent. */
const nearInput = fc.dictionary(
  fc.constantFrom("applicationName", "environments", "flow", "redirectUris", "allowedOrigins", "scopes", "contact", "description", "extra"),
  fc.oneof(
    fc.anything(),
    fc.string(),
    fc.array(fc.string()),
    fc.array(fc.oneof(redirectUri, origin, fc.webUrl({ withFragments: true, withQueryParameters: true }))),
    fc.record({ name: fc.anything(), email: fc.oneof(fc.emailAddress(), fc.string()), team: fc.anything() }),
    fc.constantFrom("client-credentials", "authorization-code-pkce", "staging"),
  ),
);

describe("parseCredentialsRequest() on random input", () => {
  test("never throws anything but CredentialsRequestError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearInput, validInput), (input) => {
        try {
          parseCredentialsRequest(input);
        } catch (error) {
          expect(isCredentialsRequestError(error)).toBe(true);
          expect((error as CredentialsRequestError).issues.length).toBeGreaterThan(0);
        }
        const result = safeParseCredentialsRequest(input);
        if (!result.ok) {
          for (const issue of result.issues) {
            expect(issue.message.length).toBeGreaterThan(20);
            expect(issue.dotPath).toBe(issue.path.join("."));
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  test("accepts every valid request", () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = safeParseCredentialsRequest(input);
        expect(result.ok ? [] : result.issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test("parse(toJSON(request)) round-trips through JSON text", () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const { request } = parseCredentialsRequest(input);
        const again = parseCredentialsRequest(JSON.parse(JSON.stringify(toJSON(request))));
        expect(again.request).toEqual(request);
        expect(renderEmail(again.request)).toEqual(renderEmail(request));
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseCredentialsRequest()", () => {
  test("returns the request and its warnings", () => {
    const parsed = parseCredentialsRequest(machineToMachine);
    expect(parsed.ok).toBe(true);
    expect(parsed.request.flow).toBe("client-credentials");
    expect(parsed.warnings).toEqual([]);
  });

  test("throws CredentialsRequestError with code invalid_request and every issue", () => {
    const input = { ...browserApp, redirectUris: [], contact: { name: "", email: "x" } };
    let caught: unknown;
    try {
      parseCredentialsRequest(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CredentialsRequestError);
    const error = caught as CredentialsRequestError;
    expect(error.code).toBe("invalid_request");
    expect(error.name).toBe("CredentialsRequestError");
    expect(error.issues.map((issue) => issue.dotPath)).toEqual(["contact.name", "contact.email", "redirectUris"]);
    expect(error.message).toContain("- contact.email: ");
  });

  test("safeParseCredentialsRequest() returns the same issues the error carries", () => {
    const input = { ...machineToMachine, scopes: [] };
    const result = safeParseCredentialsRequest(input);
    expect(result.ok).toBe(false);
    expect(() => parseCredentialsRequest(input)).toThrow(expect.objectContaining({ issues: result.ok ? [] : result.issues }));
  });
});

describe("isCredentialsRequestError()", () => {
  test("recognises an error from another copy of the package by its brand", () => {
    const foreign = Object.assign(new Error("x"), { [Symbol.for("@cadasto/credentials-request.CredentialsRequestError")]: true });
    expect(isCredentialsRequestError(foreign)).toBe(true);
  });

  test("refuses look-alikes without the brand", () => {
    expect(isCredentialsRequestError({ name: "CredentialsRequestError", code: "invalid_request", issues: [] })).toBe(false);
    expect(isCredentialsRequestError(new Error("x"))).toBe(false);
    expect(isCredentialsRequestError(null)).toBe(false);
  });
});
