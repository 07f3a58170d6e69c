// Test helper: a sandbox with one client allowed to read and write, and a
// templates client signed in as it; and a fixture by file name.
import { clientCredentials } from "@cadasto/auth";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { afterAll, beforeAll } from "vitest";
import { createTemplatesClient, type TemplatesClient } from "../src/mod.ts";
import { type Fixture, loadFixtures } from "./fixtures.ts";

const WRITER = { clientId: "writer", clientSecret: "writer-secret-0123456789", scopes: ["api.read", "api.write"] };

export async function startWriterSandbox(): Promise<{ sandbox: Sandbox; templates: TemplatesClient }> {
  const sandbox = await startSandbox({ clients: [WRITER] });
  const auth = clientCredentials({
    tokenEndpoint: sandbox.tokenEndpoint,
    clientId: WRITER.clientId,
    clientSecret: WRITER.clientSecret,
    audience: sandbox.apiBaseUrl,
    scope: WRITER.scopes,
  });
  return { sandbox, templates: createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth }) };
}

/** Starts the writer sandbox before the file's tests and closes it after; read the fields inside tests. */
export function useWriterSandbox(): { readonly sandbox: Sandbox; readonly templates: TemplatesClient } {
  let started: { sandbox: Sandbox; templates: TemplatesClient } | undefined;
  beforeAll(async () => {
    started = await startWriterSandbox();
  });
  afterAll(async () => {
    await started?.sandbox.close();
  });
  const get = () => {
    if (started === undefined) throw new Error("the writer sandbox is not started (use it inside a test)");
    return started;
  };
  return {
    get sandbox() {
      return get().sandbox;
    },
    get templates() {
      return get().templates;
    },
  };
}

const fixtures = loadFixtures();

/** The fixture `file` (throws when there is none). */
export function fixture(file: string): Fixture {
  const found = fixtures.find((f) => f.file === file);
  if (found === undefined) throw new Error(`no fixture ${file}`);
  return found;
}
