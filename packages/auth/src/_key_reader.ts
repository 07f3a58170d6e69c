// Internal: reading the private_key_jwt credential on each token request, loaded on
// first use through a dynamic import() (see _key_credential.ts): a fixed key is
// imported once, a provider's value on each read; each is checked against the
// algorithms the server advertises. Answers why a key is unusable as text, which the
// caller turns into a CredentialError; imports nothing of this package at run time.
import type { Presented } from "./_credential.ts";
import type { KeyChecks } from "./_key_input.ts";
import { keySigner, readKey } from "./_private_key.ts";
import type { KeyProvider, PrivateKeyInput, SigningAlgorithm, SigningKey } from "./signing_key.ts";

/** The key options, checked at construction; a provider is already wrapped to fail as a CredentialError. */
export interface KeyOptions {
  readonly privateKey: PrivateKeyInput | KeyProvider;
  readonly keyId: string | undefined;
  readonly algorithm: SigningAlgorithm | undefined;
  /** The server's `token_endpoint_auth_signing_alg_values_supported`, if it says. */
  readonly advertised: readonly string[] | undefined;
}

/** One read of the key: what to present, or why the key cannot be used. */
export type KeyRead = () => Promise<Presented | string>;

function isSigningKey(value: unknown): value is SigningKey {
  return typeof value === "object" && value !== null && "privateKey" in value;
}

/**
 * The reader of a key option: imports a fixed key once (kept only once it worked), a
 * provider's value per read. `checks` is _key_input.ts's KEY_CHECKS, passed in by the caller.
 */
export function keyReader(options: KeyOptions, checks: KeyChecks): KeyRead {
  const { privateKey, keyId, algorithm, advertised } = options;
  const present = async (given: SigningKey, identity: unknown): Promise<Presented | string> => {
    const facts = readKey(checks, given.privateKey, given.keyId ?? keyId, given.algorithm ?? algorithm);
    if (typeof facts === "string") return facts;
    const key = await keySigner(facts);
    if (typeof key === "string") return key;
    if (advertised !== undefined && !advertised.includes(key.algorithm)) {
      return `the server accepts ${advertised.join(", ")} assertions, not ${key.algorithm}.`;
    }
    return { auth: key.auth, secrets: [], identity: [identity, key.kid] };
  };
  if (typeof privateKey !== "function") {
    let imported: Promise<Presented | string> | undefined;
    return () => {
      imported ??= present({ privateKey }, privateKey);
      const attempt = imported;
      const forget = (): void => {
        if (imported === attempt) imported = undefined;
      };
      attempt.then((read) => typeof read === "string" && forget(), forget);
      return attempt;
    };
  }
  return async () => {
    const value = await privateKey();
    const given = isSigningKey(value) ? value : { privateKey: value };
    const key = given.privateKey;
    return present(given, typeof key === "object" && !checks.isCryptoKey(key) ? JSON.stringify(key) : key);
  };
}
