// Internal: the client's credential (a secret, a key, or a provider of either),
// checked at construction, read once per token request, and read once more after
// an `invalid_client` answer (a rotated credential), through oauth4webapi's
// client authentication. The key half (reading and importing the key) loads on first use.
import { ClientSecretBasic, ClientSecretPost } from "oauth4webapi";
import { CredentialError } from "./credential_error.ts";
import { isOAuthError, OAuthError } from "./errors.ts";
import { type AuthMethod, callProvider, type Credential, type Presented } from "./_credential.ts";
import { keyCredential } from "./_key_credential.ts";
import { keyInputProblem, SIGNING_ALGORITHMS, statedAlgorithm } from "./_key_input.ts";
import { nonEmpty, refuse } from "./_option_checks.ts";
import type { SecretProvider } from "./secret_provider.ts";
import type { KeyProvider, PrivateKeyInput, SigningAlgorithm } from "./signing_key.ts";

/** The options that decide how the client authenticates. */
export interface CredentialOptions {
  clientSecret?: string | SecretProvider | undefined;
  privateKey?: PrivateKeyInput | KeyProvider | undefined;
  keyId?: string | undefined;
  algorithm?: SigningAlgorithm | undefined;
  authMethod?: AuthMethod | undefined;
  discovery?:
    | {
        token_endpoint_auth_methods_supported?: readonly string[] | undefined;
        token_endpoint_auth_signing_alg_values_supported?: readonly string[] | undefined;
      }
    | undefined;
}

const BASIC = "client_secret_basic";
const POST = "client_secret_post";
const KEY = "private_key_jwt";

function secretCredential(secret: string | SecretProvider, method: AuthMethod, clientId: string): Credential {
  const present = (value: unknown): Presented => {
    if (typeof value !== "string" || value.trim() === "") {
      throw new CredentialError(
        "invalid_credential",
        "clientSecret",
        `the provider returned ${typeof value === "string" ? "an empty string" : typeof value}, not a secret.`,
      );
    }
    return {
      auth: (method === POST ? ClientSecretPost : ClientSecretBasic)(value),
      secrets: [{ clientId, secret: value }],
      identity: [value],
    };
  };
  if (typeof secret === "string") {
    const fixed = present(secret);
    return { method, field: "clientSecret", dynamic: false, read: () => Promise.resolve(fixed) };
  }
  return { method, field: "clientSecret", dynamic: true, read: async () => present(await callProvider("clientSecret", secret)) };
}

/**
 * Checks the credential options against each other and the discovery document:
 * exactly one of `clientSecret` and `privateKey`, a method the server advertises.
 */
export function resolveCredential(options: CredentialOptions, clientId: string): Credential {
  const { clientSecret, privateKey, authMethod } = options;
  const supported = options.discovery?.token_endpoint_auth_methods_supported;
  if (clientSecret !== undefined && privateKey !== undefined) {
    refuse("privateKey", "give clientSecret or privateKey, not both.");
  }
  if (privateKey !== undefined) {
    if (authMethod !== undefined && authMethod !== KEY) refuse("authMethod", `must be "${KEY}" with privateKey.`);
    if (supported && !supported.includes(KEY)) {
      refuse(
        "privateKey",
        `the server does not advertise ${KEY} (only ${supported.join(", ")}): use clientSecret.`,
        "unsupported_auth_method",
      );
    }
    if (options.keyId !== undefined) nonEmpty(options.keyId, "keyId", "must be a non-empty string: the kid registered with the server.");
    const { algorithm } = options;
    if (algorithm !== undefined && !SIGNING_ALGORITHMS.includes(algorithm)) {
      refuse("algorithm", `must be one of ${SIGNING_ALGORITHMS.join(", ")}.`);
    }
    if (typeof privateKey !== "function") {
      const problem = keyInputProblem(privateKey);
      if (problem !== undefined) refuse("privateKey", problem);
    }
    const advertised = options.discovery?.token_endpoint_auth_signing_alg_values_supported;
    const known = algorithm ?? (typeof privateKey === "function" ? undefined : statedAlgorithm(privateKey as PrivateKeyInput));
    if (advertised && known !== undefined && !advertised.includes(known)) {
      refuse("algorithm", `the server accepts ${advertised.join(", ")} assertions, not ${known}.`, "unsupported_auth_method");
    }
    return keyCredential({ privateKey, keyId: options.keyId, algorithm, advertised });
  }
  const secret =
    typeof clientSecret === "function"
      ? clientSecret
      : nonEmpty(clientSecret, "clientSecret", "must be a non-empty string or a function returning one (or give privateKey).");
  const method = authMethod ?? (supported?.includes(BASIC) !== false ? BASIC : POST);
  if (method !== BASIC && method !== POST) {
    refuse("authMethod", method === KEY ? `"${KEY}" needs privateKey.` : `must be "${BASIC}", "${POST}" or "${KEY}".`);
  }
  if (supported && !supported.includes(method)) {
    refuse("authMethod", `the server only supports ${supported.join(", ")}.`, "unsupported_auth_method");
  }
  return secretCredential(secret, method, clientId);
}

function reread(error: OAuthError, field: Credential["field"], changed: boolean): OAuthError {
  // The error's own fields (status, url, description, uri); its cause is not enumerable.
  return new OAuthError(error.code, { ...error, cause: error.cause, reread: { field, changed } });
}

/**
 * Runs one token request with the credential; after `invalid_client` from a
 * provider-backed credential, reads it once more and, if it changed, retries once.
 */
export async function withCredential<T>(credential: Credential, run: (presented: Presented) => Promise<T>): Promise<T> {
  const first = await credential.read();
  try {
    return await run(first);
  } catch (error) {
    if (!credential.dynamic || !isOAuthError(error) || error.code !== "invalid_client") throw error;
    const second = await credential.read();
    const same = second.identity.every((part, index) => part === first.identity[index]);
    if (same) throw reread(error, credential.field, false);
    try {
      return await run(second);
    } catch (again) {
      throw isOAuthError(again) && again.code === "invalid_client" ? reread(again, credential.field, true) : again;
    }
  }
}
