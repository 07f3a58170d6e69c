// Internal: the private_key_jwt credential. The key options are checked synchronously
// at construction (_client_auth.ts, _key_input.ts); reading the key and its Web Crypto
// import (_key_reader.ts, _private_key.ts) sit behind a dynamic import() that only runs
// on the first token request of a source with a `privateKey`, so a bundle that never
// gets one never loads them. The assertion is signed by oauth4webapi's PrivateKeyJwt,
// made here so that the on-demand chunk does not import oauth4webapi (which would move
// oauth4webapi into a chunk of its own that every page loads).
import { type PrivateKey, PrivateKeyJwt } from "oauth4webapi";
import { CredentialError } from "./credential_error.ts";
import { callProvider, type Credential, type Presented } from "./_credential.ts";
import { KEY_CHECKS } from "./_key_input.ts";
import type { KeyOptions, KeyRead } from "./_key_reader.ts";

type KeyReading = typeof import("./_key_reader.ts");

/** The key code, loaded once; a failed load is not kept (the next token request tries again). */
let reading: Promise<KeyReading> | undefined;

function loadKeyReading(): Promise<KeyReading> {
  reading ??= import("./_key_reader.ts").catch((cause: unknown) => {
    reading = undefined;
    throw new CredentialError(
      "load_failed",
      "privateKey",
      "the private_key_jwt code (loaded on first use) could not be loaded; see the cause: check that every file your bundler emitted is served and the package is installed whole (or reload the page); the next token request tries again.",
      cause,
    );
  });
  return reading;
}

/** A credential that imports the key (once for a fixed key, per read for a provider) and signs assertions with it. */
export function keyCredential(options: KeyOptions): Credential {
  const { privateKey } = options;
  const dynamic = typeof privateKey === "function";
  // A provider is called like a secret provider: its failure is a provider_failed CredentialError.
  const given: KeyOptions = dynamic ? { ...options, privateKey: () => callProvider("privateKey", privateKey) } : options;
  let reader: KeyRead | undefined;
  const read = async (): Promise<Presented> => {
    reader ??= (await loadKeyReading()).keyReader(given, KEY_CHECKS);
    const next = await reader();
    if (typeof next === "string") throw new CredentialError("invalid_credential", "privateKey", next);
    const { key, kid, identity } = next;
    // oauth4webapi's CryptoKey is inferred from the runtime's generateKey(), `never` under Deno's types: same key.
    return { auth: PrivateKeyJwt({ key: key as PrivateKey["key"], kid }), secrets: [], identity: [identity, kid] };
  };
  return { method: "private_key_jwt", field: "privateKey", dynamic, read };
}
