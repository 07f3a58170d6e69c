// A token endpoint (or an API) that echoes the request into every field of its
// error answer must not push the client secret or a token into an error, in any
// encoding. Real loopback servers (test/echo_server.ts), no fetch stub.
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import ky from "ky";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authFetch } from "./auth_fetch.ts";
import { clientCredentials } from "./client_credentials.ts";
import { isAuthError, isOAuthError, isTokenEndpointError } from "./errors.ts";
import { kyAuthHooks } from "./ky_auth_hooks.ts";
import { type Answer, type EchoServer, type Received, startEchoServer } from "../test/echo_server.ts";
import { caught, everythingShown, sandboxClient } from "../test/helpers.ts";

const CLIENT_ID = "echo client:1";
const SECRET = "p@ss w/ord+=!*'()~é-s3cr3t";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
/** RFC 6749 Appendix B, as oauth4webapi encodes id and secret for client_secret_basic. */
const strict = (text: string) =>
  encodeURIComponent(text)
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%20", "+");
const form = (text: string) => new URLSearchParams({ x: text }).toString().slice(2);

/** Every form the secret can be read back in (written here independently of the scrubber). */
const SECRET_FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  form(SECRET),
  strict(SECRET),
  `${CLIENT_ID}:${SECRET}`,
  `${strict(CLIENT_ID)}:${strict(SECRET)}`,
  base64(`${strict(CLIENT_ID)}:${strict(SECRET)}`),
  base64(`${form(CLIENT_ID)}:${form(SECRET)}`),
  base64(`${CLIENT_ID}:${SECRET}`),
];

function leaked(error: unknown, forms: readonly string[]): string[] {
  const shown = everythingShown(error);
  return forms.filter((secretForm) => shown.includes(secretForm));
}

/** Everything the request carried, in the forms a server might write back: as sent, decoded, and decoded again. */
function echo({ authorization, body }: Received): string {
  const basic = /^Basic (.+)$/.exec(authorization)?.[1];
  const decoded = basic === undefined ? "" : Buffer.from(basic, "base64").toString("utf8");
  const params = new URLSearchParams(body);
  return [
    authorization,
    basic ?? "",
    decoded,
    decodeURIComponent(decoded.replaceAll("+", " ")),
    body,
    params.get("client_secret") ?? "",
    encodeURIComponent(params.get("client_secret") ?? ""),
  ].join(" | ");
}

/** ASCII-only echo for a header value: the Basic value, the form body as sent. */
function headerEcho({ authorization, body }: Received): string {
  return `${authorization} ${body}`.replaceAll('"', "'");
}

const ANSWERS: Record<string, (received: Received) => Answer> = {
  "a JSON error body (error, error_description, error_uri)": (received) => ({
    status: 400,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      error: echo(received),
      error_description: echo(received),
      error_uri: `https://as.example/errors?request=${encodeURIComponent(echo(received))}&raw=${echo(received)}`,
    }),
  }),
  "a WWW-Authenticate challenge": (received) => ({
    status: 401,
    headers: {
      "www-authenticate": `Basic realm="${headerEcho(received)}", error="${headerEcho(received)}", error_description="${headerEcho(received)}", error_uri="https://as.example/?${headerEcho(received)}"`,
    },
  }),
};

describe("a token endpoint that echoes the request", () => {
  for (const [name, answer] of Object.entries(ANSWERS)) {
    for (const authMethod of ["client_secret_basic", "client_secret_post"] as const) {
      test(`${name}, with ${authMethod}: no form of the secret in message, cause, JSON or inspect`, async () => {
        const server = await startEchoServer(answer);
        try {
          const source = clientCredentials({
            tokenEndpoint: `${server.url}/token`,
            clientId: CLIENT_ID,
            clientSecret: SECRET,
            audience: "https://api.example/openehr/v1",
            authMethod,
            retry: { attempts: 1 },
          });
          const error = await caught(source.getToken());
          expect(isAuthError(error), String(error)).toBe(true);
          expect(isOAuthError(error) || isTokenEndpointError(error)).toBe(true);
          // The server did echo the secret: the test would see it if it were not scrubbed.
          expect(echo(server.received[0] as Received)).toContain(authMethod === "client_secret_post" ? form(SECRET) : SECRET);
          expect(everythingShown(error)).toContain("[redacted]");
          expect(leaked(error, SECRET_FORMS)).toEqual([]);
        } finally {
          await server.close();
        }
      });
    }
  }
});

describe("an API that echoes the bearer token in its 401 challenge", () => {
  let sb: Sandbox;
  let api: EchoServer;
  const sent: string[] = [];

  beforeAll(async () => {
    [sb, api] = await Promise.all([
      startSandbox(),
      startEchoServer((received) => {
        const token = received.authorization.replace(/^Bearer /, "");
        sent.push(token);
        return {
          status: 401,
          headers: {
            "www-authenticate": `Bearer error="invalid_token", error_description="refused ${received.authorization} (${encodeURIComponent(token)})"`,
          },
        };
      }),
    ]);
  });
  afterAll(() => Promise.all([sb.close(), api.close()]));

  const callers = {
    authFetch: (source: ReturnType<typeof clientCredentials>) => authFetch(source)(`${api.url}/things`),
    kyAuthHooks: (source: ReturnType<typeof clientCredentials>) => ky.get(`${api.url}/things`, { hooks: kyAuthHooks(source), retry: 0 }),
  };

  for (const [name, call] of Object.entries(callers)) {
    test(`${name}: the OAuthError after the second 401 shows neither token`, async () => {
      sent.length = 0;
      const error = await caught(call(clientCredentials(sandboxClient(sb, { scope: "api.read" }))));
      expect(isOAuthError(error), String(error)).toBe(true);
      expect(sent).toHaveLength(2);
      expect(everythingShown(error)).toContain("[redacted]");
      expect(
        leaked(
          error,
          sent.flatMap((token) => [token, encodeURIComponent(token)]),
        ),
      ).toEqual([]);
    });
  }
});
