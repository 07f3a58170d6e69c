// The troubleshooting guide quotes the packages' messages word for word: each failure is
// reproduced here against the real sandbox (or offline, when it is refused before any
// request), and its message must be one of the guide's ```text blocks. The sandbox's
// origin is shown in the guide as a tenant's hosts.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { clientCredentials } from "@cadasto/auth";
import { parseCredentialsRequest } from "@cadasto/credentials-request";
import { discover, openEhrBaseUrl, type SmartConfiguration } from "@cadasto/discovery";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { createTemplatesClient, parseTemplateVersionId, readOptMetadata } from "@cadasto/templates";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "./_site.ts";

const guide = readFileSync(join(repoRoot, "docs/guide/troubleshooting.md"), "utf8");
const quoted = [...guide.matchAll(/```text\n([\s\S]*?)\n```/g)].map((match) => match[1]);

let sandbox: Sandbox;
let config: SmartConfiguration;
let api: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  config = await discover(sandbox.authBaseUrl);
  api = openEhrBaseUrl(config);
});
afterAll(() => sandbox?.close());

/** The message as the guide shows it: the sandbox's URLs as a tenant's. */
function asTenant(message: string): string {
  const origin = new URL(sandbox.authBaseUrl).origin;
  return message
    .replaceAll(`${origin}/openehr/v1`, "https://acme.api.prod.cadasto.io/openehr/v1")
    .replaceAll(origin, "https://acme.auth.prod.cadasto.io");
}

async function messageOf(fail: () => unknown): Promise<string> {
  try {
    await fail();
  } catch (error) {
    return asTenant((error as Error).message);
  }
  throw new Error("expected a failure");
}

const OPT =
  '<?xml version="1.0"?><template xmlns="http://schemas.openehr.org/v1"><template_id><value>x</value></template_id><concept>x</concept><definition><archetype_id><value>openEHR-EHR-COMPOSITION.x.v1</value></archetype_id></definition></template>';

describe("the troubleshooting guide", () => {
  test("quotes ten failures or more", () => {
    expect(quoted.length).toBeGreaterThanOrEqual(10);
  });

  const cases: [string, () => unknown][] = [
    [
      "a wrong secret",
      () => clientCredentials({ discovery: config, clientId: sandbox.clientId, clientSecret: "wrong", audience: api }).getToken(),
    ],
    [
      "a wrong audience",
      () =>
        clientCredentials({
          discovery: config,
          clientId: sandbox.clientId,
          clientSecret: sandbox.clientSecret,
          audience: "https://other.example/openehr/v1",
        }).getToken(),
    ],
    [
      "an unknown scope",
      () =>
        clientCredentials({
          discovery: config,
          clientId: sandbox.clientId,
          clientSecret: sandbox.clientSecret,
          audience: api,
          scope: "api.admin",
        }).getToken(),
    ],
    [
      "an upload with a read-only token",
      () => {
        const auth = clientCredentials({
          discovery: config,
          clientId: sandbox.clientId,
          clientSecret: sandbox.clientSecret,
          audience: api,
          scope: "api.read",
        });
        return createTemplatesClient({ baseUrl: api, auth }).upload(new TextEncoder().encode(OPT));
      },
    ],
    ["discovery against the API URL", () => discover(api)],
    [
      "an http token endpoint",
      () =>
        clientCredentials({
          tokenEndpoint: "http://acme.auth.prod.cadasto.io/oauth2/token",
          clientId: "a",
          clientSecret: "b",
          audience: "c",
        }),
    ],
    ["an http API base URL", () => createTemplatesClient({ baseUrl: "http://acme.api.prod.cadasto.io/openehr/v1" })],
    ["an HTML page instead of an OPT", () => readOptMetadata("<html><body>Not found</body></html>")],
    ["a truncated OPT", () => readOptMetadata("<template xmlns='http://schemas.openehr.org/v1'>")],
    [
      "a template that does not exist",
      () => {
        const auth = clientCredentials({
          discovery: config,
          clientId: sandbox.clientId,
          clientSecret: sandbox.clientSecret,
          audience: api,
        });
        return createTemplatesClient({ baseUrl: api, auth }).get("No such template");
      },
    ],
    ["a version id without a template id", () => parseTemplateVersionId("::0c05260d-421a-402e-bc65-dc8e3cc529a8")],
    [
      "a machine client with redirect URIs",
      () =>
        parseCredentialsRequest({
          applicationName: "Nightly export",
          environments: ["production"],
          flow: "client-credentials",
          redirectUris: ["https://app.example.com/callback"],
          scopes: "api.read",
          contact: { name: "Ann", email: "ann@example.com" },
          description: "Exports.",
        }),
    ],
  ];
  test.each(cases)("quotes the message of %s word for word", async (_name, fail) => {
    const message = await messageOf(fail);
    expect(quoted, `the guide should quote:\n${message}`).toContain(message);
  });

  test("quotes the message of a server nobody listens on word for word", async () => {
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => done(port));
      });
    });
    const message = (await messageOf(() => discover(`http://127.0.0.1:${port}`))).replaceAll(`127.0.0.1:${port}`, "127.0.0.1:8080");
    expect(quoted).toContain(message);
  });
});
