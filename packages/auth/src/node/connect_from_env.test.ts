import { startSandbox } from "@cadasto/sandbox";
import { describe, expect, test } from "vitest";
import { caught } from "../../test/helpers.ts";
import { isCadastoEnvError } from "../cadasto_env_error.ts";
import { connectFromEnv } from "./connect_from_env.ts";

describe("@cadasto/auth/node connectFromEnv()", () => {
  test("discovers the API and signs in with the default scope when CADASTO_SCOPE is unset", async () => {
    const sb = await startSandbox();
    try {
      const { apiBaseUrl, auth } = await connectFromEnv(
        { CADASTO_AUTH_URL: sb.authBaseUrl, CADASTO_CLIENT_ID: sb.clientId, CADASTO_CLIENT_SECRET: sb.clientSecret },
        { defaultScope: ["api.read"] },
      );
      expect(apiBaseUrl).toBe(sb.apiBaseUrl);
      const token = await (auth as NonNullable<typeof auth>).getToken();
      expect(token.scope).toEqual(["api.read"]);
      expect(
        (await fetch(`${apiBaseUrl}/definition/template/adl1.4`, { headers: { authorization: `Bearer ${token.value}` } })).status,
      ).toBe(200);
    } finally {
      await sb.close();
    }
  });

  test("signIn: false reads only the API URL or the tenant, makes no request, and names what is missing", async () => {
    expect(await connectFromEnv({ CADASTO_API_URL: "http://127.0.0.1:9/openehr/v1" }, { signIn: false })).toEqual({
      apiBaseUrl: "http://127.0.0.1:9/openehr/v1",
      auth: undefined,
    });
    const tenant = await connectFromEnv({ CADASTO_TENANT: "acme", CADASTO_ENVIRONMENT: "acceptation" }, { signIn: false });
    expect(tenant.apiBaseUrl).toMatch(/^https:\/\/acme\./);
    const error = await caught(connectFromEnv({ CADASTO_ENVIRONMENT: "staging" }, { signIn: false }));
    expect(isCadastoEnvError(error)).toBe(true);
    expect((error as { problems: { variable: string }[] }).problems.map((p) => p.variable)).toEqual([
      "CADASTO_ENVIRONMENT",
      "CADASTO_API_URL",
    ]);
  });

  test("a bad environment is refused with every problem before any request", async () => {
    const error = await caught(
      connectFromEnv({ CADASTO_TENANT: "acme", CADASTO_CLIENT_SECRET: "s3cret-x", CADASTO_CLIENT_SECRET_FILE: "/nope" }),
    );
    expect(isCadastoEnvError(error)).toBe(true);
    expect((error as Error).message).toContain("CADASTO_CLIENT_ID");
    expect((error as Error).message).toContain("CADASTO_CLIENT_SECRET_FILE is set together with CADASTO_CLIENT_SECRET");
    expect((error as Error).message).not.toContain("s3cret-x");
  });
});
