import { startSandbox } from "@cadasto/sandbox";
import { describe, expect, test } from "vitest";
import { caught, everythingShown, sandboxClient } from "../test/helpers.ts";
import { authFetch } from "./auth_fetch.ts";
import { clientCredentials } from "./client_credentials.ts";
import { isCredentialError } from "./credential_error.ts";
import { isOAuthError, type OAuthError } from "./errors.ts";

async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting for the sandbox");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a clientSecret provider", () => {
  test("200 calls in flight while the sandbox rotates the secret and the provider switches: none fails", async () => {
    const sb = await startSandbox();
    try {
      let current = sb.clientSecret;
      let reads = 0;
      const provider = () => {
        reads++;
        return current;
      };
      // Each call has its own token source (its own cache), so each makes its own token request.
      const call = async () => {
        // Generous per-attempt limits: the sandbox holds these requests on purpose.
        const options = sandboxClient(sb, { clientSecret: provider, retry: { timeout: 60_000, deadline: 120_000 } });
        const api = authFetch(clientCredentials(options));
        return (await api(`${sb.apiBaseUrl}/definition/template/adl1.4`)).status;
      };
      // The sandbox holds token requests until faults.reset(): 100 calls are in flight with the old
      // secret when it rotates; 100 more start after the provider switched; then all are let go.
      sb.faults.delayTokenRequests(60_000);
      const early = Array.from({ length: 100 }, call);
      await until(() => sb.stats.tokenRequests === 100);
      current = sb.rotateSecret(sb.clientId);
      const late = Array.from({ length: 100 }, call);
      await until(() => sb.stats.tokenRequests === 200);
      sb.faults.reset();
      const statuses = await Promise.all([...early, ...late]);
      expect(statuses).toEqual(Array(200).fill(200));
      // Each of the early 100 was refused, re-read the provider and was sent again (at least once:
      // on a loaded machine an attempt may also time out and be retried).
      expect(reads).toBeGreaterThanOrEqual(300);
      expect(sb.stats.tokenRequests).toBeGreaterThanOrEqual(300);
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
      const tokens = clientCredentials(
        sandboxClient(sb, {
          clientSecret: () => {
            reads++;
            return old;
          },
        }),
      );
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

  test("the error after a re-read keeps what the server answered: status, url, description and the error body as cause", async () => {
    const sb = await startSandbox();
    try {
      const tokens = clientCredentials(sandboxClient(sb, { clientSecret: () => "a-wrong-secret" }));
      const error = (await caught(tokens.getToken())) as OAuthError;
      expect(error).toMatchObject({ code: "invalid_client", status: 401, url: sb.tokenEndpoint, reread: { changed: false } });
      expect(typeof error.description).toBe("string");
      expect(error.message).toContain(`(${error.description})`);
      expect(error.cause).toEqual({ error: "invalid_client", error_description: error.description });
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
      const tokens = clientCredentials(
        sandboxClient(sb, {
          clientSecret: () => {
            reads++;
            return sb.clientSecret;
          },
        }),
      );
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
