import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { isCadastoEnvError } from "./cadasto_env_error.ts";
import { cadastoFromEnv } from "./cadasto_from_env.ts";

const SECRET = "s3cret-Value-never-shown";
const base = { CADASTO_TENANT: "acme", CADASTO_CLIENT_ID: "svc", CADASTO_CLIENT_SECRET: SECRET };
const readFile = async (path: string) => `contents of ${path}\n`;

/** The variables named by the problems of the error `cadastoFromEnv(env)` throws. */
function problemsOf(env: Record<string, string>, options = {}): string[] {
  try {
    cadastoFromEnv(env, options);
  } catch (error) {
    expect(isCadastoEnvError(error)).toBe(true);
    const shown = `${(error as Error).message}\n${JSON.stringify(error)}\n${inspect(error, { depth: 5 })}`;
    expect(shown).not.toContain(SECRET);
    const { problems } = error as { problems: { variable: string; message: string }[] };
    for (const { variable } of problems) expect((error as Error).message).toContain(variable);
    return problems.map((p) => p.variable);
  }
  throw new Error("expected a CadastoEnvError");
}

describe("cadastoFromEnv()", () => {
  test("derives the tenant's URLs and keeps the secret out of JSON and inspect, also after a spread", () => {
    const env = cadastoFromEnv({ ...base, CADASTO_ENVIRONMENT: "acceptation", CADASTO_SCOPE: "api.read  api.write" });
    expect(env).toMatchObject({
      authBaseUrl: "https://acme.auth.acc.cadasto.io",
      apiBaseUrl: "https://acme.api.acc.cadasto.io/openehr/v1",
      apiBaseUrlOverrides: false,
      tenant: "acme",
      environment: "acceptation",
      endpoints: { tenant: "acme", environment: "acceptation" },
      credentials: { clientId: "svc", clientSecret: SECRET, scope: ["api.read", "api.write"] },
    });
    for (const value of [env, env.credentials, { ...env.credentials }]) {
      expect(JSON.stringify(value)).not.toContain(SECRET);
      expect(inspect(value, { depth: 5, showHidden: true })).not.toContain(SECRET);
    }
  });

  test("lets CADASTO_AUTH_URL and CADASTO_API_URL stand alone or override the tenant's", () => {
    const env = cadastoFromEnv({
      ...base,
      CADASTO_TENANT: "",
      CADASTO_AUTH_URL: "http://127.0.0.1:4000",
      CADASTO_API_URL: "http://127.0.0.1:4000/openehr/v1",
    });
    expect(env).toMatchObject({
      authBaseUrl: "http://127.0.0.1:4000",
      apiBaseUrl: "http://127.0.0.1:4000/openehr/v1",
      apiBaseUrlOverrides: true,
      tenant: undefined,
      environment: undefined,
    });
    expect(env.endpoints).toEqual({ authBaseUrl: "http://127.0.0.1:4000", apiBaseUrl: "http://127.0.0.1:4000/openehr/v1" });
    expect(cadastoFromEnv({ ...base, CADASTO_AUTH_URL: "https://auth.example.test" }).authBaseUrl).toBe("https://auth.example.test");
  });

  test("reads process.env by default, and with optional returns undefined when no CADASTO_* variable is set", () => {
    expect(cadastoFromEnv({ PATH: "/bin", CADASTO_TENANT: " " }, { optional: true })).toBeUndefined();
    expect(() => cadastoFromEnv({ PATH: "/bin" })).toThrow(/CADASTO_TENANT.*\n.*CADASTO_CLIENT_ID.*\n.*CADASTO_CLIENT_SECRET/);
    const saved = { ...process.env };
    try {
      Object.assign(process.env, base);
      expect(cadastoFromEnv().credentials.clientId).toBe("svc");
    } finally {
      for (const key of Object.keys(base)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  test("turns the _FILE variables into providers that read the file on each call", async () => {
    const reads: string[] = [];
    const options = {
      readFile: async (path: string) => {
        reads.push(path);
        return `${path}-v${reads.length}\n`;
      },
    };
    const env = cadastoFromEnv({ ...base, CADASTO_CLIENT_SECRET: "", CADASTO_CLIENT_SECRET_FILE: "/run/secrets/cadasto" }, options);
    const provider = env.credentials.clientSecret as () => Promise<string>;
    expect(await provider()).toBe("/run/secrets/cadasto-v1");
    expect(await provider()).toBe("/run/secrets/cadasto-v2");
    const keyed = cadastoFromEnv(
      { ...base, CADASTO_CLIENT_SECRET: "", CADASTO_PRIVATE_KEY_FILE: "/k.json", CADASTO_KEY_ID: "k1", CADASTO_KEY_ALGORITHM: "ES384" },
      { readFile: async () => '{"kty":"EC","d":"x"}' },
    );
    expect(keyed.credentials).toMatchObject({ keyId: "k1", algorithm: "ES384" });
    expect("clientSecret" in keyed.credentials).toBe(false);
    expect(await (keyed.credentials.privateKey as () => Promise<unknown>)()).toEqual({ kty: "EC", d: "x" });
  });

  test("names every problem of a combination that must fail, all in one error", () => {
    const cases: [Record<string, string>, string[], object?][] = [
      [{}, ["CADASTO_TENANT", "CADASTO_CLIENT_ID", "CADASTO_CLIENT_SECRET"]],
      [{ ...base, CADASTO_CLIENT_SECRET_FILE: "/s" }, ["CADASTO_CLIENT_SECRET_FILE"], { readFile }],
      [{ ...base, CADASTO_PRIVATE_KEY_FILE: "/k" }, ["CADASTO_PRIVATE_KEY_FILE"], { readFile }],
      [
        { ...base, CADASTO_CLIENT_SECRET: "", CADASTO_CLIENT_SECRET_FILE: "/s", CADASTO_PRIVATE_KEY_FILE: "/k" },
        ["CADASTO_PRIVATE_KEY_FILE"],
        { readFile },
      ],
      [{ ...base, CADASTO_CLIENT_SECRET: "", CADASTO_CLIENT_SECRET_FILE: "/s" }, ["CADASTO_CLIENT_SECRET_FILE"]],
      [{ ...base, CADASTO_CLIENT_SECRET: "", CADASTO_PRIVATE_KEY_FILE: "/k" }, ["CADASTO_PRIVATE_KEY_FILE"]],
      [{ ...base, CADASTO_KEY_ID: "k", CADASTO_KEY_ALGORITHM: "ES384" }, ["CADASTO_KEY_ID", "CADASTO_KEY_ALGORITHM"]],
      [
        { ...base, CADASTO_CLIENT_SECRET: "", CADASTO_PRIVATE_KEY_FILE: "/k", CADASTO_KEY_ALGORITHM: "HS256" },
        ["CADASTO_KEY_ALGORITHM"],
        { readFile },
      ],
      [{ ...base, CADASTO_ENVIRONMENT: "staging" }, ["CADASTO_ENVIRONMENT"]],
      [{ ...base, CADASTO_TENANT: "", CADASTO_AUTH_URL: "https://a.example", CADASTO_ENVIRONMENT: "production" }, ["CADASTO_ENVIRONMENT"]],
      [{ ...base, CADASTO_TENANT: "acme.example" }, ["CADASTO_TENANT"]],
      [{ ...base, CADASTO_AUTH_URL: "auth.example.test" }, ["CADASTO_AUTH_URL"]],
      [{ ...base, CADASTO_AUTH_URL: "http://auth.example.test" }, ["CADASTO_AUTH_URL"]],
      [{ ...base, CADASTO_API_URL: `https://user:${SECRET}@api.example.test/openehr/v1` }, ["CADASTO_API_URL"]],
      [{ ...base, CADASTO_API_URL: "https://api.example.test/openehr/v1#x" }, ["CADASTO_API_URL"]],
      [{ ...base, CADASTO_SCOPE: 'api.read "api.write"' }, ["CADASTO_SCOPE"]],
      [{ ...base, CADASTO_CLIENT_ID: " " }, ["CADASTO_CLIENT_ID"]],
      [
        { CADASTO_ENVIRONMENT: "prod", CADASTO_CLIENT_SECRET: SECRET, CADASTO_CLIENT_SECRET_FILE: "/s", CADASTO_API_URL: "ftp://x" },
        [
          "CADASTO_ENVIRONMENT",
          "CADASTO_TENANT",
          "CADASTO_API_URL",
          "CADASTO_CLIENT_ID",
          "CADASTO_CLIENT_SECRET_FILE",
          "CADASTO_CLIENT_SECRET_FILE",
        ],
      ],
    ];
    for (const [env, variables, options] of cases) expect(problemsOf(env, options), JSON.stringify(env)).toEqual(variables);
  });
});
