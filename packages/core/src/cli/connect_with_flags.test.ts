// connectWithFlags() with a stand-in for @cadasto/auth/node: core cannot
// depend on it (auth depends on core). The real module, with a real
// oidc-provider and the sandbox over HTTP, is driven through the commands
// that use this (packages/templates and packages/openehr, cli.test.ts).
import { describe, expect, it } from "vitest";
import { type ConnectWithFlagsOptions, connectWithFlags, type SignInModule } from "./connect_with_flags.ts";
import type { ConnectionFlags } from "./connection_flags.ts";
import { isCommandError } from "./usage_error.ts";

interface Made {
  readonly baseUrl: string;
  readonly auth?: string;
}

/** The options, recording what the command's parts were called with. */
function recorder(writes: boolean, module?: () => Promise<SignInModule<string>>) {
  const calls = { loaded: 0, made: [] as Made[], signIns: [] as { env: Record<string, string | undefined>; options: unknown }[] };
  const signIn: SignInModule<string> = {
    async connectFromEnv(env, options) {
      calls.signIns.push({ env: { ...env }, options });
      return options.signIn ? { apiBaseUrl: "https://api.example/v1", auth: "token-source" } : { apiBaseUrl: "https://api.example/v1" };
    },
  };
  const options: ConnectWithFlagsOptions<Made, string> = {
    where: { command: "cadasto-demo", library: "@cadasto/demo" },
    load: async () => {
      calls.loaded++;
      return module === undefined ? signIn : await module();
    },
    client: (made) => {
      if (!made.baseUrl.startsWith("http")) throw new RangeError(`baseUrl ${made.baseUrl} is not a URL`);
      calls.made.push(made);
      return made;
    },
    writes,
  };
  return { calls, options };
}

describe("connectWithFlags()", () => {
  it("signs in with the flags over the variables and the default scopes of a write", async () => {
    const { calls, options } = recorder(true);
    const flags: ConnectionFlags = { tenant: "beta", scope: "api.read", noAuth: false };
    const client = await connectWithFlags(flags, { CADASTO_TENANT: "acme", CADASTO_CLIENT_ID: "svc" }, options);
    expect(client).toEqual({ baseUrl: "https://api.example/v1", auth: "token-source" });
    expect(calls.signIns).toEqual([
      {
        env: { CADASTO_TENANT: "beta", CADASTO_SCOPE: "api.read", CADASTO_CLIENT_ID: "svc" },
        options: { signIn: true, defaultScope: ["api.read", "api.write"] },
      },
    ]);
  });

  it("asks for api.read alone when the call only reads", async () => {
    const { calls, options } = recorder(false);
    await connectWithFlags({ noAuth: false }, { CADASTO_TENANT: "acme" }, options);
    expect(calls.signIns[0]?.options).toEqual({ signIn: true, defaultScope: ["api.read"] });
  });

  it("with --no-auth and an API URL makes the client without loading the sign-in module", async () => {
    const { calls, options } = recorder(false);
    const client = await connectWithFlags({ noAuth: true }, { CADASTO_API_URL: " http://127.0.0.1:8080/v1 " }, options);
    expect(client).toEqual({ baseUrl: "http://127.0.0.1:8080/v1" });
    expect(calls.loaded).toBe(0);
  });

  it("with --no-auth and no API URL finds the URL without signing in", async () => {
    const { calls, options } = recorder(false);
    const client = await connectWithFlags({ tenant: "acme", noAuth: true }, {}, options);
    expect(client).toEqual({ baseUrl: "https://api.example/v1" });
    expect(calls.signIns[0]?.options).toEqual({ signIn: false, defaultScope: ["api.read"] });
  });

  it("refuses a bad --api-url through the client before anything is loaded", async () => {
    const { calls, options } = recorder(true);
    await expect(
      connectWithFlags({ apiUrl: "ftp-nothing", noAuth: false }, { CADASTO_API_URL: "http://127.0.0.1:1/v1" }, options),
    ).rejects.toThrow("baseUrl ftp-nothing is not a URL");
    expect(calls.loaded).toBe(0);
  });

  it("says what to install when @cadasto/auth is missing (a CommandError, exit 1)", async () => {
    const missing = Object.assign(new Error("Cannot find package '@cadasto/auth'"), { code: "ERR_MODULE_NOT_FOUND" });
    const { options } = recorder(false, () => Promise.reject(missing));
    const error = await connectWithFlags({ noAuth: false }, { CADASTO_TENANT: "acme" }, options).catch((caught: unknown) => caught);
    expect(isCommandError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^cadasto-demo: signing in needs @cadasto\/auth and @cadasto\/discovery next to @cadasto\/demo/,
    );
    expect((error as Error).cause).toBe(missing);
  });
});
