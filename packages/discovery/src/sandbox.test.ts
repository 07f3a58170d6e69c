import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discover } from "./discover.ts";
import { MemoryDiscoveryCache } from "./discovery_cache.ts";
import { openEhrBaseUrl } from "./open_ehr_base_url.ts";
import { SmartConfigurationSchema } from "./smart_configuration.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());

describe("discover() against @cadasto/sandbox", () => {
  it("discover() finds the sandbox's token endpoint and openEHR API", async () => {
    const config = await discover(sandbox.authBaseUrl, { cache: false });
    expect(config.token_endpoint).toBe(sandbox.tokenEndpoint);
    expect(openEhrBaseUrl(config)).toBe(sandbox.apiBaseUrl);
    expect(config.token_endpoint_auth_methods_supported).toContain("client_secret_basic");
    expect(v.safeParse(SmartConfigurationSchema, config).success).toBe(true);
  });

  it("discover() sends nothing to the sandbox's token endpoint or API", async () => {
    const before = { tokenRequests: sandbox.stats.tokenRequests, apiRequests: sandbox.stats.apiRequests };
    await discover(sandbox.authBaseUrl, { cache: new MemoryDiscoveryCache() });
    expect(sandbox.stats.tokenRequests).toBe(before.tokenRequests);
    expect(sandbox.stats.apiRequests).toBe(before.apiRequests);
  });
});
