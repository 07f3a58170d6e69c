// Internal: what a checked credential is (a secret, a key, or a provider of either),
// shared by the secret half (_client_auth.ts) and the key half (_key_credential.ts,
// loaded on first use), and the one way a provider is called.
import type { Secret } from "@cadasto/core";
import type { ClientAuth } from "oauth4webapi";
import { CredentialError } from "./credential_error.ts";

/** The client authentication methods this package sends. */
export type AuthMethod = "client_secret_basic" | "client_secret_post" | "private_key_jwt";

/** One read of the credential: what to send, what to scrub from answers, and how to compare with a re-read. */
export interface Presented {
  readonly auth: ClientAuth;
  /** The secret with the client id it pairs with (none for a key), to scrub from answers, events and errors. */
  readonly secrets: readonly Secret[];
  /** What the provider returned (a secret, a key's input and kid): equal identities mean an unchanged credential. */
  readonly identity: readonly unknown[];
}

/** A checked credential. */
export interface Credential {
  readonly method: AuthMethod;
  readonly field: CredentialError["field"];
  /** A provider: re-read after `invalid_client`. */
  readonly dynamic: boolean;
  read(): Promise<Presented>;
}

/** Calls a secret or key provider; its failure becomes a `provider_failed` CredentialError. */
export async function callProvider<T>(field: CredentialError["field"], provider: () => T | PromiseLike<T>): Promise<T> {
  try {
    return await provider();
  } catch (cause) {
    throw new CredentialError("provider_failed", field, "the provider failed; see the cause (is the secret store reachable?).", cause);
  }
}
