// Internal: reading the private_key_jwt credential on each token request, loaded on
// first use through a dynamic import() (see _key_credential.ts): a fixed key is
// imported once, a provider's value on each read; each is checked against the
// algorithms the server advertises. Answers why a key is unusable as text, which the
// caller turns into a CredentialError; imports nothing of this package at run time.
import type { KeyChecks } from "./_key_input.ts";
import { importSigningKey, readKey } from "./_private_key.ts";
import type { KeyProvider, PrivateKeyInput, SigningAlgorithm, SigningKey } from "./signing_key.ts";

/** The key options, checked at construction; a provider is already wrapped to fail as a CredentialError. */
export interface KeyOptions {
  readonly privateKey: PrivateKeyInput | KeyProvider;
  readonly keyId: string | undefined;
  readonly algorithm: SigningAlgorithm | undefined;
  /** The server's `token_endpoint_auth_signing_alg_values_supported`, if it says. */
  readonly advertised: readonly string[] | undefined;
}

/** A key read and imported: the key to sign with, its id, and what the provider returned (to compare with a re-read). */
export interface KeyPresented {
  readonly key: CryptoKey;
  readonly kid: string;
  readonly identity: unknown;
}

/** One read of the key: the key to sign with, or why it cannot be used. */
export type KeyRead = () => Promise<KeyPresented | string>;

function isSigningKey(value: unknown): value is SigningKey {
  return typeof value === "object" && value !== null && "privateKey" in value;
}

/**
 * The reader of a key option: imports a fixed key once (kept only once it worked), a
 * provider's value per read. `checks` is _key_input.ts's KEY_CHECKS, passed in by the caller.
 */
export function keyReader(options: KeyOptions, checks: KeyChecks): KeyRead {
  const { privateKey, keyId, algorithm, advertised } = options;
  const present = async (given: SigningKey, identity: unknown): Promise<KeyPresented | string> => {
    const facts = readKey(checks, given.privateKey, given.keyId ?? keyId, given.algorithm ?? algorithm);
    if (typeof facts === "string") return facts;
    const imported = await importSigningKey(facts);
    if (typeof imported === "string") return imported;
    if (advertised !== undefined && !advertised.includes(imported.algorithm)) {
      return `the server accepts ${advertised.join(", ")} assertions, not ${imported.algorithm}.`;
    }
    return { key: imported.key, kid: imported.kid, identity };
  };
  if (typeof privateKey !== "function") {
    let imported: Promise<KeyPresented | string> | undefined;
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
