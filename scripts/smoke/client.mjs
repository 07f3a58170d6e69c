// Runtime smoke test: the quick-start flow through the BUILT packages, in
// whatever runtime runs this file (Node, Deno, Bun). Started by
// scripts/runtimes.mjs, which provides a sandbox and these variables:
//   CADASTO_AUTH_URL, CADASTO_API_URL, CADASTO_CLIENT_ID, CADASTO_CLIENT_SECRET,
//   CADASTO_SCOPE (space-separated), SMOKE_FIXTURE (path of an OPT file),
//   SMOKE_TOKEN_ENDPOINT (the token endpoint discovery must find),
//   SMOKE_KEY_CLIENT_ID and SMOKE_PRIVATE_KEY (a client registered with the public key of that PKCS#8 PEM),
//   SMOKE_COMPOSITION and SMOKE_COMPOSITION_OPT (a canonical composition and its OPT).
// Prints one line per step, then `SMOKE_RESULT <json>` with the values that
// must be identical in every runtime. Exits 1 at the first failing step.
// Never prints the client secret or the access token.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { clientCredentials } from "@cadasto/auth";
import { parseCredentialsRequest, renderEmail } from "@cadasto/credentials-request";
import { discover, openEhrBaseUrl } from "@cadasto/discovery";
import { aql, createOpenEhrClient } from "@cadasto/openehr";
import { createTemplatesClient, readOptMetadata } from "@cadasto/templates";

let secret = "";
let privateKey = "";
const env = (name) => {
  const value = globalThis.process?.env?.[name] ?? globalThis.Deno?.env.get(name);
  if (value === undefined || value === "") fail("environment", `${name} is not set`);
  return value;
};
secret = env("CADASTO_CLIENT_SECRET");
privateKey = env("SMOKE_PRIVATE_KEY");

function fail(step, message) {
  // Strip the secret and the key from anything we print, in case an error carried them.
  let text = String(message);
  for (const [value, shown] of [
    [secret, "[secret]"],
    [privateKey, "[key]"],
  ])
    if (value !== "") text = text.replaceAll(value, shown);
  console.error(`✗ ${step}: ${text}`);
  globalThis.process?.exit(1);
  globalThis.Deno?.exit(1);
  throw new Error(text);
}

async function step(name, fn) {
  try {
    const value = await fn();
    return value;
  } catch (error) {
    const code = error && typeof error === "object" && "code" in error ? ` [${error.code}]` : "";
    return fail(name, `${error?.name ?? "Error"}${code}: ${error?.message ?? error}`);
  }
}

function check(name, condition, message) {
  if (!condition) fail(name, message);
}

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${globalThis.process.versions.node}`;
console.log(`runtime: ${runtime}`);

// 1. Discovery.
const config = await step("discover", () => discover(env("CADASTO_AUTH_URL")));
check(
  "discover",
  config.token_endpoint === env("SMOKE_TOKEN_ENDPOINT"),
  `token_endpoint is ${config.token_endpoint}, expected ${env("SMOKE_TOKEN_ENDPOINT")}`,
);
const apiBaseUrl = env("CADASTO_API_URL");
const advertised = await step("openEhrBaseUrl", () => openEhrBaseUrl(config, { fallback: apiBaseUrl }));
check("openEhrBaseUrl", advertised === apiBaseUrl, `the configuration advertises ${advertised}, the sandbox serves ${apiBaseUrl}`);
console.log(`✓ discover: token endpoint ${config.token_endpoint}, API ${apiBaseUrl}`);

// 2. A token.
const scope = env("CADASTO_SCOPE").split(" ").filter(Boolean);
const source = await step("clientCredentials", () =>
  clientCredentials({ discovery: config, clientId: env("CADASTO_CLIENT_ID"), clientSecret: secret, audience: apiBaseUrl, scope }),
);
const token = await step("getToken", () => source.getToken());
check("getToken", typeof token.value === "string" && token.value.length > 0, "the token has no value");
check("getToken", token.expiresAt > Date.now(), `the token expires in the past (${new Date(token.expiresAt).toISOString()})`);
for (const s of scope) check("getToken", token.scope.includes(s), `the token's scope ${JSON.stringify(token.scope)} lacks ${s}`);
check("getToken", !JSON.stringify(token).includes(token.value), "JSON.stringify(token) shows the token value");
check("getToken", !JSON.stringify(source).includes(secret), "JSON.stringify(tokenSource) shows the client secret");
console.log(`✓ token: ${token.tokenType}, scope ${token.scope.join(" ")}, expires ${new Date(token.expiresAt).toISOString()}`);
const keySource = await step("clientCredentials (privateKey)", () =>
  clientCredentials({ discovery: config, clientId: env("SMOKE_KEY_CLIENT_ID"), privateKey, audience: apiBaseUrl, scope }),
);
const keyToken = await step("getToken (private_key_jwt)", () => keySource.getToken());
check("getToken (private_key_jwt)", keyToken.value.length > 0 && keyToken.value !== token.value, "no token of its own for the key client");
check("getToken (private_key_jwt)", !JSON.stringify(keySource).includes("PRIVATE KEY"), "JSON.stringify(tokenSource) shows the key");
console.log(`✓ token with private_key_jwt: ${keyToken.tokenType}, scope ${keyToken.scope.join(" ")}`);

// 3. Upload, list, metadata.
const opt = new Uint8Array(await readFile(env("SMOKE_FIXTURE")));
const metadata = await step("readOptMetadata", () => readOptMetadata(opt));
console.log(`✓ readOptMetadata: ${metadata.templateId} (${metadata.archetypeId})`);
const templates = createTemplatesClient({ baseUrl: apiBaseUrl, auth: source });
const uploaded = await step("upload", () => templates.upload(opt));
check("upload", uploaded.templateId === metadata.templateId, `uploaded as ${uploaded.templateId}, the OPT says ${metadata.templateId}`);
console.log(`✓ upload: ${uploaded.versionId}`);
const listed = await step("list", () => templates.list());
const mine = listed.find((entry) => entry.versionId === uploaded.versionId);
check("list", mine !== undefined, `list() does not contain ${uploaded.versionId} (${listed.length} entries)`);
check("list", mine.templateId === metadata.templateId, `the listed entry has template id ${mine.templateId}`);
console.log(`✓ list: ${listed.length} entries, including ${uploaded.versionId}`);

// 4. Clinical data: an EHR, a composition pinned to an uploaded version, AQL.
const pinnedTo = (await step("upload composition OPT", () => templates.upload(new Uint8Array(readFileSync(env("SMOKE_COMPOSITION_OPT"))))))
  .versionId;
const openehr = createOpenEhrClient({ baseUrl: apiBaseUrl, auth: source });
const { ehrId } = await step("ehrs.create", () => openehr.ehrs.create());
const composition = JSON.parse(new TextDecoder().decode(readFileSync(env("SMOKE_COMPOSITION"))));
const written = await step("compositions.create", () => openehr.compositions.create(ehrId, composition, { templateId: pinnedTo }));
const queried = await step("query.aql", () =>
  openehr.query.aql(
    aql`SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId}`,
  ),
);
check("query.aql", queried.records.length === 1 && queried.records[0].uid === written.uid, `AQL gave ${JSON.stringify(queried.records)}`);
check("query.aql", queried.records[0].template === pinnedTo, `read back as ${queried.records[0].template}, pinned to ${pinnedTo}`);
console.log(`✓ openehr: EHR ${ehrId}, composition ${written.uid} pinned to ${pinnedTo}, read back by AQL`);

// 5. The credentials request (no network).
const { request } = await step("parseCredentialsRequest", () =>
  parseCredentialsRequest({
    applicationName: "Runtime Smoke",
    environments: ["development", "staging"],
    scopes: "api.read api.write",
    contact: { name: "Smoke Runner", email: "smoke@example.org", team: "#sdk" },
    description: "Checks the SDK on every runtime.",
  }),
);
const email = renderEmail(request);
const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${email.subject}\n${email.body}`)));
console.log(`✓ credentials request: ${email.subject}`);

const result = {
  tokenEndpoint: config.token_endpoint,
  apiBaseUrl,
  tokenType: token.tokenType,
  tokenScope: [...token.scope].sort(),
  keyTokenType: keyToken.tokenType,
  metadata: {
    templateId: metadata.templateId,
    concept: metadata.concept,
    archetypeId: metadata.archetypeId,
    uid: metadata.uid ?? null,
    language: metadata.language ?? null,
  },
  uploadedTemplateId: uploaded.templateId,
  composition: { version: written.version, rows: queried.rows.length, columns: queried.columns.map((column) => column.name) },
  environments: request.environments,
  emailSubject: email.subject,
  emailSha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join(""),
};
console.log(`SMOKE_RESULT ${JSON.stringify(result)}`);
