// Internal: the private_key_jwt credential. What a key is and whether it can be used is
// read synchronously (_key_input.ts); the Web Crypto import and the assertion signing
// (_private_key.ts) sit behind a dynamic import() that only runs on the first token
// request of a source with a `privateKey`, so a bundle without one never loads them.
import { CredentialError } from "./credential_error.ts";
import { callProvider, type Credential, type Presented } from "./_credential.ts";
import { isCryptoKey, readKey } from "./_key_input.ts";
import type { KeySigner } from "./_private_key.ts";
import type { KeyProvider, PrivateKeyInput, SigningAlgorithm, SigningKey } from "./signing_key.ts";

/** The key options, checked at construction. */
export interface KeyOptions {
  readonly privateKey: PrivateKeyInput | KeyProvider;
  readonly keyId: string | undefined;
  readonly algorithm: SigningAlgorithm | undefined;
  /** The server's `token_endpoint_auth_signing_alg_values_supported`, if it says. */
  readonly advertised: readonly string[] | undefined;
}

type Signing = typeof import("./_private_key.ts");

/** The Web Crypto half, loaded once; a failed load is not kept (the next token request tries again). */
let signing: Promise<Signing> | undefined;

function loadSigning(): Promise<Signing> {
  signing ??= import("./_private_key.ts").catch((cause: unknown) => {
    signing = undefined;
    throw new CredentialError(
      "load_failed",
      "privateKey",
      "the private_key_jwt code (loaded on first use) could not be loaded; see the cause: check that every file your bundler emitted is served (or reload the page); the next token request tries again.",
      cause,
    );
  });
  return signing;
}

const invalid = (why: string): CredentialError => new CredentialError("invalid_credential", "privateKey", why);

function isSigningKey(value: unknown): value is SigningKey {
  return typeof value === "object" && value !== null && "privateKey" in value;
}

/** A credential that imports the key (once for a fixed key, per read for a provider) and signs assertions with it. */
export function keyCredential(options: KeyOptions): Credential {
  const { privateKey, keyId, algorithm, advertised } = options;
  const present = async (given: SigningKey, identity: unknown): Promise<Presented> => {
    const facts = readKey(given.privateKey, given.keyId ?? keyId, given.algorithm ?? algorithm);
    if (typeof facts === "string") throw invalid(facts);
    const key: KeySigner | string = await (await loadSigning()).keySigner(facts);
    if (typeof key === "string") throw invalid(key);
    if (advertised !== undefined && !advertised.includes(key.algorithm)) {
      throw invalid(`the server accepts ${advertised.join(", ")} assertions, not ${key.algorithm}.`);
    }
    return { auth: key.auth, secrets: [], identity: [identity, key.kid] };
  };
  if (typeof privateKey !== "function") {
    let imported: Promise<Presented> | undefined;
    const read = (): Promise<Presented> => {
      imported ??= present({ privateKey }, privateKey);
      imported.catch(() => {
        imported = undefined;
      });
      return imported;
    };
    return { method: "private_key_jwt", field: "privateKey", dynamic: false, read };
  }
  return {
    method: "private_key_jwt",
    field: "privateKey",
    dynamic: true,
    read: async () => {
      const value = await callProvider("privateKey", privateKey);
      const given = isSigningKey(value) ? value : { privateKey: value };
      const key = given.privateKey;
      return present(given, typeof key === "object" && !isCryptoKey(key) ? JSON.stringify(key) : key);
    },
  };
}
