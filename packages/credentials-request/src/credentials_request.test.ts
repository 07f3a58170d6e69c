import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { CredentialsRequestSchema, parseCredentialsRequest, safeParseCredentialsRequest } from "./mod.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

const m2m = { ...machineToMachine, contact: { ...machineToMachine.contact } };
const pkce = { ...browserApp };

/** Each problem's `dotPath` and `code`. */
function problems(input: unknown): string[] {
  const result = safeParseCredentialsRequest(input);
  return result.ok ? [] : result.issues.map((issue) => `${issue.dotPath} ${issue.code}`);
}

function valid(input: unknown) {
  const result = safeParseCredentialsRequest(input);
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.issues, null, 2)}`);
  return result;
}

interface Case {
  readonly name: string;
  readonly input: unknown;
}
interface Invalid extends Case {
  readonly problem: string;
}
interface Valid extends Case {
  readonly check: (request: ReturnType<typeof valid>["request"]) => unknown;
  readonly expected: unknown;
}

const invalidCases: readonly Invalid[] = [
  // applicationName
  { name: "an empty application name", input: { ...m2m, applicationName: "" }, problem: "applicationName empty_field" },
  { name: "a blank application name", input: { ...m2m, applicationName: "   " }, problem: "applicationName empty_field" },
  {
    name: "an application name over 100 characters",
    input: { ...m2m, applicationName: "a".repeat(101) },
    problem: "applicationName too_long",
  },
  {
    name: "a line break in the application name",
    input: { ...m2m, applicationName: "Acme\nSync" },
    problem: "applicationName control_characters",
  },
  { name: "an application name that is a number", input: { ...m2m, applicationName: 42 }, problem: "applicationName wrong_type" },
  { name: "no application name", input: { ...m2m, applicationName: undefined }, problem: "applicationName missing_field" },
  // environments
  { name: "an unknown environment", input: { ...m2m, environments: ["prod"] }, problem: "environments.0 unknown_environment" },
  { name: "an empty environment list", input: { ...m2m, environments: [] }, problem: "environments no_environment" },
  { name: "an empty environment string", input: { ...m2m, environments: " , " }, problem: "environments no_environment" },
  { name: "environments as a number", input: { ...m2m, environments: 3 }, problem: "environments wrong_type" },
  { name: "a number in the environments", input: { ...m2m, environments: [1] }, problem: "environments wrong_type" },
  // flow
  { name: "an unknown flow", input: { ...m2m, flow: "pkce" }, problem: "flow unknown_flow" },
  // redirectUris
  {
    name: "a redirect URI with a fragment",
    input: { ...pkce, redirectUris: ["https://app.example.com/cb#done"] },
    problem: "redirectUris.0 redirect_uri_fragment",
  },
  {
    name: "a redirect URI with an empty fragment",
    input: { ...pkce, redirectUris: ["https://app.example.com/cb#"] },
    problem: "redirectUris.0 redirect_uri_fragment",
  },
  {
    name: "an http redirect URI on a public host",
    input: { ...pkce, redirectUris: ["http://app.example.com/cb"] },
    problem: "redirectUris.0 insecure_url",
  },
  {
    name: "http on a 127.x address other than 127.0.0.1",
    input: { ...pkce, redirectUris: ["http://127.0.0.2/cb"] },
    problem: "redirectUris.0 insecure_url",
  },
  {
    name: "a redirect URI without a scheme",
    input: { ...pkce, redirectUris: ["app.example.com/cb"] },
    problem: "redirectUris.0 not_absolute_url",
  },
  { name: "a relative redirect URI", input: { ...pkce, redirectUris: ["/callback"] }, problem: "redirectUris.0 not_absolute_url" },
  {
    name: "https without slashes",
    input: { ...pkce, redirectUris: ["https:app.example.com/cb"] },
    problem: "redirectUris.0 not_absolute_url",
  },
  { name: "a private-use scheme", input: { ...pkce, redirectUris: ["com.example.app:/cb"] }, problem: "redirectUris.0 not_absolute_url" },
  {
    name: "an ftp redirect URI",
    input: { ...pkce, redirectUris: ["ftp://files.example.com/cb"] },
    problem: "redirectUris.0 unsupported_scheme",
  },
  {
    name: "credentials in a redirect URI",
    input: { ...pkce, redirectUris: ["https://user:hunter2@app.example.com/cb"] },
    problem: "redirectUris.0 url_credentials",
  },
  { name: "a wildcard redirect URI", input: { ...pkce, redirectUris: ["https://*.example.com/cb"] }, problem: "redirectUris.0 wildcard" },
  {
    name: "a wildcard in a redirect URI's path",
    input: { ...pkce, redirectUris: ["https://app.example.com/*/callback"] },
    problem: "redirectUris.0 wildcard",
  },
  {
    name: "a space in a redirect URI",
    input: { ...pkce, redirectUris: ["https://app.example.com/a b"] },
    problem: "redirectUris.0 invalid_uri_characters",
  },
  {
    name: "non-ASCII in a redirect URI",
    input: { ...pkce, redirectUris: ["https://app.example.com/größe"] },
    problem: "redirectUris.0 invalid_uri_characters",
  },
  {
    name: "the second of two bad redirect URIs",
    input: { ...pkce, redirectUris: "https://app.example.com/cb http://app.example.com/cb" },
    problem: "redirectUris.1 insecure_url",
  },
  // allowedOrigins
  {
    name: "an origin with a trailing slash",
    input: { ...pkce, allowedOrigins: ["https://app.example.com/"] },
    problem: "allowedOrigins.0 origin_trailing_slash",
  },
  {
    name: "an origin with a path",
    input: { ...pkce, allowedOrigins: ["https://app.example.com/app"] },
    problem: "allowedOrigins.0 origin_has_path",
  },
  {
    name: "an origin with a query",
    input: { ...pkce, allowedOrigins: ["https://app.example.com?x=1"] },
    problem: "allowedOrigins.0 origin_has_query",
  },
  {
    name: "an origin with a fragment",
    input: { ...pkce, allowedOrigins: ["https://app.example.com#x"] },
    problem: "allowedOrigins.0 origin_has_fragment",
  },
  {
    name: "an http origin on a public host",
    input: { ...pkce, allowedOrigins: ["http://app.example.com"] },
    problem: "allowedOrigins.0 insecure_url",
  },
  { name: 'the "null" origin', input: { ...pkce, allowedOrigins: ["null"] }, problem: "allowedOrigins.0 not_absolute_url" },
  {
    name: "an origin without a scheme",
    input: { ...pkce, allowedOrigins: ["app.example.com"] },
    problem: "allowedOrigins.0 not_absolute_url",
  },
  { name: "a wildcard origin", input: { ...pkce, allowedOrigins: ["https://*.example.com"] }, problem: "allowedOrigins.0 wildcard" },
  // scopes
  { name: "an empty scope string", input: { ...m2m, scopes: "" }, problem: "scopes no_scope" },
  { name: "an empty scope list", input: { ...m2m, scopes: [] }, problem: "scopes no_scope" },
  { name: "comma-separated scopes", input: { ...m2m, scopes: "api.read,api.write" }, problem: "scopes.0 scopes_separated_by_commas" },
  { name: 'a scope with "', input: { ...m2m, scopes: ['api"read'] }, problem: "scopes.0 invalid_scope" },
  { name: "a scope with a backslash", input: { ...m2m, scopes: ["api\\read"] }, problem: "scopes.0 invalid_scope" },
  { name: "a non-ASCII scope", input: { ...m2m, scopes: ["api.lesen·"] }, problem: "scopes.0 invalid_scope" },
  { name: "scopes as a number", input: { ...m2m, scopes: 5 }, problem: "scopes wrong_type" },
  { name: "no scopes", input: { ...m2m, scopes: undefined }, problem: "scopes missing_field" },
  // contact
  { name: "an email without @", input: { ...m2m, contact: { name: "Jane", email: "jane" } }, problem: "contact.email invalid_email" },
  {
    name: "an email without a dotted domain",
    input: { ...m2m, contact: { name: "Jane", email: "jane@localhost" } },
    problem: "contact.email invalid_email",
  },
  {
    name: "an email with a display name",
    input: { ...m2m, contact: { name: "Jane", email: "Jane <jane@acme.example>" } },
    problem: "contact.email invalid_email",
  },
  {
    name: "an empty contact name",
    input: { ...m2m, contact: { name: " ", email: "jane@acme.example" } },
    problem: "contact.name empty_field",
  },
  { name: "no contact email", input: { ...m2m, contact: { name: "Jane" } }, problem: "contact.email missing_field" },
  { name: "no contact", input: { ...m2m, contact: undefined }, problem: "contact missing_field" },
  { name: "a contact that is a string", input: { ...m2m, contact: "jane@acme.example" }, problem: "contact wrong_type" },
  {
    name: "an unknown contact field",
    input: { ...m2m, contact: { ...m2m.contact, phone: "123" } },
    problem: "contact.phone unknown_field",
  },
  // description
  { name: "an empty description", input: { ...m2m, description: "" }, problem: "description empty_field" },
  { name: "a description over 2000 characters", input: { ...m2m, description: "x".repeat(2001) }, problem: "description too_long" },
  {
    name: "a control character in the description",
    input: { ...m2m, description: "bell\u0007" },
    problem: "description control_characters",
  },
  // the request
  { name: "a misspelt field", input: { ...m2m, redirectURIs: [] }, problem: "redirectURIs unknown_field" },
  { name: "a request that is an array", input: [m2m], problem: "applicationName missing_field" },
  { name: "a request that is a string", input: "Acme", problem: " wrong_type" },
  // between fields
  {
    name: "client-credentials with redirect URIs",
    input: { ...m2m, flow: "client-credentials", redirectUris: ["https://app.example.com/cb"] },
    problem: "redirectUris redirect_uris_for_machine_client",
  },
  {
    name: "client-credentials with allowed origins",
    input: { ...m2m, flow: "client-credentials", allowedOrigins: ["https://app.example.com"] },
    problem: "allowedOrigins origins_for_machine_client",
  },
  {
    name: "authorization-code-pkce without redirect URIs",
    input: { ...m2m, flow: "authorization-code-pkce" },
    problem: "redirectUris missing_redirect_uris",
  },
  {
    name: "allowed origins without redirect URIs or flow",
    input: { ...m2m, allowedOrigins: ["https://app.example.com"] },
    problem: "redirectUris missing_redirect_uris",
  },
];

describe("parseCredentialsRequest() refuses", () => {
  test.each(invalidCases)("$name ($problem)", ({ input, problem }) => {
    expect(problems(input)).toContain(problem);
    expect(() => parseCredentialsRequest(input)).toThrow(/The credentials request has \d+ problems?:/);
  });

  test("every problem comes with a sentence saying how to fix it", () => {
    for (const { input } of invalidCases) {
      const result = safeParseCredentialsRequest(input);
      expect(result.ok).toBe(false);
      for (const issue of result.ok ? [] : result.issues) {
        expect(issue.message).toMatch(/^\S.{30,}[.?]$/s);
        expect(issue.dotPath).toBe(issue.path.join("."));
      }
    }
  });
});

const validCases: readonly Valid[] = [
  {
    name: "the application name, trimmed",
    input: { ...m2m, applicationName: "  Acme Lab Sync  " },
    check: (r) => r.applicationName,
    expected: "Acme Lab Sync",
  },
  {
    name: "environments from a comma-separated string, in canonical order",
    input: { ...m2m, environments: "production, Development" },
    check: (r) => r.environments,
    expected: ["development", "production"],
  },
  {
    name: "repeated environments once",
    input: { ...m2m, environments: ["production", "PRODUCTION"] },
    check: (r) => r.environments,
    expected: ["production"],
  },
  {
    name: '"staging" as acceptation',
    input: { ...m2m, environments: ["staging"] },
    check: (r) => r.environments,
    expected: ["acceptation"],
  },
  {
    name: "the flow inferred as client-credentials without redirect URIs",
    input: m2m,
    check: (r) => r.flow,
    expected: "client-credentials",
  },
  {
    name: "the flow inferred as authorization-code-pkce from redirect URIs",
    input: { ...pkce, flow: undefined },
    check: (r) => r.flow,
    expected: "authorization-code-pkce",
  },
  {
    name: "a null flow, inferred",
    input: { ...m2m, flow: null, redirectUris: null, allowedOrigins: null },
    check: (r) => r.flow,
    expected: "client-credentials",
  },
  {
    name: "empty lists for client-credentials",
    input: { ...m2m, flow: "client-credentials", redirectUris: [], allowedOrigins: [] },
    check: (r) => [r.redirectUris, r.allowedOrigins],
    expected: [[], []],
  },
  {
    name: "http redirect URIs on 127.0.0.1 and [::1] (RFC 8252 §7.3)",
    input: { ...pkce, redirectUris: ["http://127.0.0.1:8765/cb", "http://[::1]/cb"] },
    check: (r) => r.redirectUris,
    expected: ["http://127.0.0.1:8765/cb", "http://[::1]/cb"],
  },
  {
    name: "an http redirect URI on localhost (with a warning)",
    input: { ...pkce, redirectUris: ["http://localhost:3000/cb"] },
    check: (r) => r.redirectUris,
    expected: ["http://localhost:3000/cb"],
  },
  {
    name: "a redirect URI with a query, kept as written",
    input: { ...pkce, redirectUris: ["https://App.example.com/cb?tenant=acme"] },
    check: (r) => r.redirectUris,
    expected: ["https://App.example.com/cb?tenant=acme"],
  },
  {
    name: "redirect URIs from a space-separated string, without repeats",
    input: { ...pkce, redirectUris: " https://a.example.com/cb\nhttps://b.example.com/cb https://a.example.com/cb " },
    check: (r) => r.redirectUris,
    expected: ["https://a.example.com/cb", "https://b.example.com/cb"],
  },
  {
    name: "empty strings in lists, dropped",
    input: { ...pkce, redirectUris: ["", "https://a.example.com/cb"], allowedOrigins: [""] },
    check: (r) => [r.redirectUris, r.allowedOrigins],
    expected: [["https://a.example.com/cb"], []],
  },
  {
    name: "origins in lower case without the default port",
    input: { ...pkce, allowedOrigins: ["HTTPS://Templates.ACME.example:443", "https://templates.acme.example"] },
    check: (r) => r.allowedOrigins,
    expected: ["https://templates.acme.example"],
  },
  {
    name: "an origin with another port",
    input: { ...pkce, allowedOrigins: ["https://templates.acme.example:8443"] },
    check: (r) => r.allowedOrigins,
    expected: ["https://templates.acme.example:8443"],
  },
  {
    name: "http origins on loopback and localhost",
    input: { ...pkce, allowedOrigins: ["http://localhost:5173", "http://127.0.0.1:5173", "http://[::1]:5173"] },
    check: (r) => r.allowedOrigins,
    expected: ["http://localhost:5173", "http://127.0.0.1:5173", "http://[::1]:5173"],
  },
  {
    name: "a browser app's origins next to server redirect URIs",
    input: { ...pkce, flow: undefined },
    check: (r) => r.allowedOrigins.length,
    expected: 2,
  },
  {
    name: "scopes from a string, without repeats",
    input: { ...m2m, scopes: "  api.read api.write\tapi.read " },
    check: (r) => r.scopes,
    expected: ["api.read", "api.write"],
  },
  {
    name: "scopes from a list of space-separated strings",
    input: { ...m2m, scopes: ["api.read api.write", "api.read"] },
    check: (r) => r.scopes,
    expected: ["api.read", "api.write"],
  },
  {
    name: "unknown scopes that are valid scope tokens",
    input: { ...m2m, scopes: ["api.read", "x:y/z!~"] },
    check: (r) => r.scopes,
    expected: ["api.read", "x:y/z!~"],
  },
  {
    name: "an empty team as none",
    input: { ...m2m, contact: { name: "Jane", email: "jane@acme.example", team: "" } },
    check: (r) => r.contact,
    expected: { name: "Jane", email: "jane@acme.example" },
  },
  {
    name: "a null team as none",
    input: { ...m2m, contact: { name: "Jane", email: "jane@acme.example", team: null } },
    check: (r) => r.contact,
    expected: { name: "Jane", email: "jane@acme.example" },
  },
  {
    name: "an email with plus and subdomains",
    input: { ...m2m, contact: { name: "Jane", email: "jane+cadasto@lab.acme.example" } },
    check: (r) => r.contact.email,
    expected: "jane+cadasto@lab.acme.example",
  },
  {
    name: "a multi-line description with CRLF as \\n",
    input: { ...m2m, description: "One.\r\nTwo.\rThree." },
    check: (r) => r.description,
    expected: "One.\nTwo.\nThree.",
  },
];

describe("parseCredentialsRequest() accepts and normalises", () => {
  test.each(validCases)("$name", ({ input, check, expected }) => {
    expect(check(valid(input).request)).toEqual(expected);
  });
});

describe("parseCredentialsRequest() lists every problem", () => {
  test("one issue per problem, across fields, in field order", () => {
    const input = {
      applicationName: "",
      environments: ["prod"],
      redirectUris: ["http://app.example.com/cb#x"],
      allowedOrigins: ["https://app.example.com/"],
      scopes: "",
      contact: { name: "Jane", email: "nope" },
      description: "",
      extra: true,
    };
    expect(problems(input)).toEqual([
      "applicationName empty_field",
      "environments.0 unknown_environment",
      "redirectUris.0 insecure_url",
      "redirectUris.0 redirect_uri_fragment",
      "allowedOrigins.0 origin_trailing_slash",
      "scopes no_scope",
      "contact.email invalid_email",
      "description empty_field",
      "extra unknown_field",
    ]);
  });

  test("a field problem does not hide a problem between two other fields", () => {
    const input = {
      ...m2m,
      flow: "client-credentials",
      redirectUris: ["https://app.example.com/cb"],
      contact: { name: "Jane", email: "nope" },
    };
    expect(problems(input)).toEqual(["contact.email invalid_email", "redirectUris redirect_uris_for_machine_client"]);
  });

  test("the error for client-credentials with redirect URIs says why", () => {
    const result = safeParseCredentialsRequest({ ...m2m, flow: "client-credentials", redirectUris: ["https://app.example.com/cb"] });
    expect(result.ok ? "" : result.issues[0]?.message).toMatch(/never sends users to sign in.*remove redirectUris/);
  });

  test("an origin with a path is answered with the origin to use", () => {
    const result = safeParseCredentialsRequest({ ...pkce, allowedOrigins: ["https://Templates.acme.example:443/app/"] });
    expect(result.ok ? "" : result.issues[0]?.message).toContain('use "https://templates.acme.example"');
  });

  test("a misspelt field is answered with the right name", () => {
    const result = safeParseCredentialsRequest({ ...m2m, descripton: "x" });
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toContainEqual(
      expect.stringContaining('did you mean "description"?'),
    );
  });

  test("a password in a URL never appears in the message", () => {
    const result = safeParseCredentialsRequest({ ...pkce, redirectUris: ["https://user:hunter2@app.example.com/cb"] });
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });
});

describe("warnings", () => {
  test('"staging" is renamed with a warning', () => {
    expect(valid({ ...m2m, environments: "staging" }).warnings.map((w) => `${w.dotPath} ${w.code}`)).toEqual([
      "environments staging_renamed",
    ]);
  });

  test("an unknown scope is allowed with a warning naming it", () => {
    const { warnings } = valid({ ...m2m, scopes: "api.read fhir.read" });
    expect(warnings.map((w) => `${w.dotPath} ${w.code}`)).toEqual(["scopes unknown_scope"]);
    expect(warnings[0]?.message).toContain('"fhir.read"');
  });

  test("a localhost redirect URI is allowed with a warning suggesting 127.0.0.1", () => {
    const { warnings } = valid({ ...pkce, redirectUris: ["https://a.example.com/cb", "http://localhost:3000/cb"] });
    expect(warnings.map((w) => `${w.dotPath} ${w.code}`)).toEqual(["redirectUris.1 localhost_redirect_uri"]);
    expect(warnings[0]?.message).toContain("http://127.0.0.1:3000/cb");
  });

  test("the golden requests have no warnings", () => {
    expect(valid(m2m).warnings).toEqual([]);
    expect(valid(pkce).warnings).toEqual([]);
  });
});

describe("CredentialsRequestSchema", () => {
  test("composes into another valibot schema", () => {
    const Batch = v.object({ ticket: v.string(), requests: v.array(CredentialsRequestSchema) });
    const result = v.safeParse(Batch, { ticket: "OPS-1", requests: [m2m, { ...m2m, scopes: "" }] });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(["requests.1.scopes"]);
  });

  test("outputs the normalised request", () => {
    expect(v.parse(CredentialsRequestSchema, { ...m2m, environments: "production staging" }).environments).toEqual([
      "acceptation",
      "production",
    ]);
  });
});
