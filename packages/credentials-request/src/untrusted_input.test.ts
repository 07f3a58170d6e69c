import { describe, expect, test } from "vitest";
import {
  type CredentialsRequest,
  isCredentialsRequestError,
  parseCredentialsRequest,
  renderEmail,
  safeParseCredentialsRequest,
  toClientMetadata,
  toJSON,
  toMailtoUrl,
  toMarkdown,
} from "./mod.ts";
import { machineToMachine } from "../test/requests.ts";

const issuesOf = (input: unknown) => {
  const result = safeParseCredentialsRequest(input);
  return result.ok ? [] : result.issues.map(({ dotPath, code }) => ({ dotPath, code }));
};

describe("line and paragraph separators", () => {
  for (const [name, separator] of [
    ["U+2028 (line separator)", "\u2028"],
    ["U+2029 (paragraph separator)", "\u2029"],
  ] as const) {
    test(`refuses ${name} in applicationName, contact.name and contact.team, as CR and LF are`, () => {
      for (const [field, input] of [
        ["applicationName", { ...machineToMachine, applicationName: `Acme${separator}Bcc: someone@evil.example` }],
        ["contact.name", { ...machineToMachine, contact: { ...machineToMachine.contact, name: `Jane${separator}Doe` } }],
        ["contact.team", { ...machineToMachine, contact: { ...machineToMachine.contact, team: `#lab${separator}x` } }],
      ] as const) {
        expect(issuesOf(input)).toEqual([{ dotPath: field, code: "control_characters" }]);
      }
    });

    test(`reads ${name} in the description as a line break`, () => {
      const { request } = parseCredentialsRequest({ ...machineToMachine, description: `First line.${separator}Second line.` });
      expect(request.description).toBe("First line.\nSecond line.");
    });
  }
});

describe("render functions check their input again", () => {
  const parsed = parseCredentialsRequest(machineToMachine).request;
  const forged = { ...parsed, applicationName: "Acme\r\nBcc: someone@evil.example" } as CredentialsRequest;
  const renderers: Array<[string, (request: CredentialsRequest) => unknown]> = [
    ["renderEmail", renderEmail],
    ["toMarkdown", toMarkdown],
    ["toJSON", toJSON],
    ["toClientMetadata", toClientMetadata],
    ["toMailtoUrl", (request) => toMailtoUrl(request, "credentials@cadasto.example")],
  ];
  for (const [name, render] of renderers) {
    test(`${name}() refuses an object that never went through parsing and holds a CRLF`, () => {
      let caught: unknown;
      try {
        render(forged);
      } catch (error) {
        caught = error;
      }
      expect(isCredentialsRequestError(caught)).toBe(true);
      expect(caught).toMatchObject({ code: "invalid_request", issues: [{ dotPath: "applicationName", code: "control_characters" }] });
    });
  }

  test("renderEmail() of a parsed request is unchanged by the second check", () => {
    expect(renderEmail(parsed).subject).toBe("Request: Cadasto API client credentials for Acme Lab Sync");
  });
});

describe("sizes are capped before the work, with one coded issue", () => {
  test("100,000 invalid environments give one too_many_items issue, not 100,000 issues", () => {
    expect(issuesOf({ ...machineToMachine, environments: Array.from({ length: 100_000 }, (_, i) => `env${i}`) })).toEqual([
      { dotPath: "environments", code: "too_many_items" },
    ]);
    expect(
      issuesOf({
        ...machineToMachine,
        environments: Array.from({ length: 100_000 }, (_, i) => `env${i}`)
          .join(" ")
          .slice(0, 19_000),
      }),
    ).toEqual([{ dotPath: "environments", code: "too_many_items" }]);
  });

  test("a list given as one huge string, or with one huge item, is too_long", () => {
    expect(issuesOf({ ...machineToMachine, scopes: "api.read ".repeat(10_000) })).toEqual([{ dotPath: "scopes", code: "too_long" }]);
    expect(issuesOf({ ...machineToMachine, scopes: ["api.read", "x".repeat(1 << 20)] })).toEqual([{ dotPath: "scopes", code: "too_long" }]);
  });

  test("a 1 MiB applicationName is one too_long issue", () => {
    expect(issuesOf({ ...machineToMachine, applicationName: `\u0001${"a".repeat(1 << 20)}` })).toEqual([
      { dotPath: "applicationName", code: "too_long" },
    ]);
  });

  test("a 1 MiB unknown key is refused as unknown_field, its name shortened in the message", () => {
    const key = "k".repeat(1 << 20);
    const result = safeParseCredentialsRequest({ ...machineToMachine, [key]: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "unknown_field" });
    expect(result.issues[0]?.message.length).toBeLessThan(400);
  });

  test("more than 20 unknown keys are one issue", () => {
    const extra = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]));
    const issues = issuesOf({ ...machineToMachine, ...extra });
    expect(issues).toEqual([{ dotPath: "", code: "unknown_field" }]);
  });
});

describe("__proto__, constructor and prototype", () => {
  for (const key of ["__proto__", "constructor", "prototype"]) {
    test(`refuses a "${key}" key like any unknown key, at the top and in contact`, () => {
      const top = JSON.parse(JSON.stringify(machineToMachine).replace("{", `{"${key}":{"x":1},`));
      expect(issuesOf(top)).toEqual([{ dotPath: key, code: "unknown_field" }]);
      const nested = JSON.parse(JSON.stringify(machineToMachine).replace('"contact":{', `"contact":{"${key}":1,`));
      expect(issuesOf(nested)).toEqual([{ dotPath: `contact.${key}`, code: "unknown_field" }]);
    });
  }
});
