import { startSandbox } from "@cadasto/sandbox";
import { describe, expect, test } from "vitest";
import { caught, everythingShown, sandboxClient } from "../test/helpers.ts";
import { authFetch } from "./auth_fetch.ts";
import { clientCredentials } from "./client_credentials.ts";
import { isCredentialError } from "./credential_error.ts";
import { isOAuthError, type OAuthError } from "./errors.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a clientSecret provider", () => {
  test("200 calls in flight while the sandbox rotates the secret and the provider switches: none fails", async () => {
    const sb = await startSandbox();
    try {
      let current = sb.clientSecret;
      const old = current;
      const handed = { old: 0, fresh: 0 };
      const provider = () => {
        if (current === old) handed.old++;
        else handed.fresh++;
        return current;
      };
      // Each call has its own token source (its own cache), so each makes its own token request;
      // a small delay at the token endpoint keeps some requests with the old secret in flight
      // across the rotation, which then happens at 100 ms while calls keep starting until 200 ms.
      sb.faults.delayTokenRequests(40);
      const calls = Array.from({ length: 200 }, async (_, index) => {
        await sleep(index);
        const api = authFetch(clientCredentials(sandboxClient(sb, { clientSecret: provider })));
        return (await api(`${sb.apiBaseUrl}/definition/template/adl1.4`)).status;
      });
      await sleep(100);
      const before = sb.stats.tokenRequests;
      current = sb.rotateSecret(sb.clientId);
      const statuses = await Promise.all(calls);
      expect(statuses).toEqual(Array(200).fill(200));
      // Some sources got their token with the old secret, some were refused and re-read it, the rest read the new one.
      expect(before).toBeGreaterThan(0);
      expect(handed.old).toBeGreaterThan(0);
      const rereads = handed.old + handed.fresh - 200;
      expect(rereads).toBeGreaterThan(0);
      expect(sb.stats.tokenRequests).toBe(200 + rereads);
    } finally {
      await sb.close();
    }
  }, 30_000);

  test("a provider that keeps returning the old secret is re-read once, then the typed error says so", async () => {
    const sb = await startSandbox();
    try {
      const old = sb.clientSecret;
      sb.rotateSecret(sb.clientId);
      let reads = 0;
      const tokens = clientCredentials(sandboxClient(sb, { clientSecret: () => {
        reads++;
        return old;
      } }));
      const error = (await caught(tokens.getToken())) as OAuthError;
      expect(isOAuthError(error)).toBe(true);
      expect(error).toMatchObject({ code: "invalid_client", reread: { field: "clientSecret", changed: false } });
      expect(error.message).toMatch(/client secret was re-read after the refusal and is unchanged/);
      expect(reads).toBe(2);
      expect(sb.stats.tokenRequests).toBe(1);
      expect(everythingShown(error)).not.toContain(old);
    } finally {
      await sb.close();
    }
  });

  test("a re-read that returns another wrong secret is tried once, then the error says the new value was refused", async () => {
    const sb = await startSandbox();
    try {
      const wrong = ["first-wrong-secret", "second-wrong-secret"];
      let reads = 0;
      const tokens = clientCredentials(sandboxClient(sb, { clientSecret: async () => wrong[reads++] ?? "" }));
      const error = await caught(tokens.getToken());
      expect(error).toMatchObject({ code: "invalid_client", reread: { field: "clientSecret", changed: true } });
      expect((error as Error).message).toMatch(/new value was refused too/);
      expect(reads).toBe(2);
      expect(sb.stats.tokenRequests).toBe(2);
      for (const secret of wrong) expect(everythingShown(error)).not.toContain(secret);
    } finally {
      await sb.close();
    }
  });

  test("a fixed string secret is not re-read: one request, the plain invalid_client error", async () => {
    const sb = await startSandbox();
    try {
      const old = sb.clientSecret;
      sb.rotateSecret(sb.clientId);
      const error = await caught(clientCredentials(sandboxClient(sb, { clientSecret: old })).getToken());
      expect(error).toMatchObject({ code: "invalid_client", reread: undefined });
      expect(sb.stats.tokenRequests).toBe(1);
    } finally {
      await sb.close();
    }
  });

  test("is called for each token request, not cached: a new token after invalidate() reads it again", async () => {
    const sb = await startSandbox();
    try {
      let reads = 0;
      const tokens = clientCredentials(sandboxClient(sb, { clientSecret: () => {
        reads++;
        return sb.clientSecret;
      } }));
      await tokens.getToken();
      await tokens.getToken();
      expect(reads).toBe(1);
      tokens.invalidate();
      await tokens.getToken();
      expect(reads).toBe(2);
      expect(JSON.stringify(tokens)).toContain('"clientSecret":"[redacted]"');
    } finally {
      await sb.close();
    }
  });

  test("a provider that throws or returns no secret ends in a CredentialError, before any request", async () => {
    const sb = await startSandbox();
    try {
      const vault = new Error("vault sealed");
      const thrown = await caught(clientCredentials(sandboxClient(sb, { clientSecret: () => Promise.reject(vault) })).getToken());
      expect(isCredentialError(thrown)).toBe(true);
      expect(thrown).toMatchObject({ code: "provider_failed", field: "clientSecret", cause: vault });
      const empty = await caught(clientCredentials(sandboxClient(sb, { clientSecret: () => "  " })).getToken());
      expect(empty).toMatchObject({ code: "invalid_credential", field: "clientSecret" });
      const wrongType = await caught(clientCredentials(sandboxClient(sb, { clientSecret: (() => 42) as never })).getToken());
      expect((wrongType as Error).message).toMatch(/returned number, not a secret/);
      expect(sb.stats.tokenRequests).toBe(0);
    } finally {
      await sb.close();
    }
  });
});
