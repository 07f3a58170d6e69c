// Internal: oidc-provider's storage. Clients are looked up in the sandbox's own
// table on every request (so a rotated secret takes effect at once); everything
// else oidc-provider stores (replay detection of client assertion ids, …) lives
// in a map per sandbox, dropped when it expires.
import type { ResolvedClient } from "./_clients.ts";

interface Entry {
  readonly payload: Record<string, unknown>;
  readonly expiresAt: number;
}

/** The client metadata oidc-provider reads for one of the sandbox's clients. */
function metadata(client: ResolvedClient): Record<string, unknown> {
  return {
    client_id: client.clientId,
    ...(client.clientSecret === undefined ? {} : { client_secret: client.clientSecret }),
    ...(client.jwks === undefined ? {} : { jwks: client.jwks }),
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: client.authMethod ?? "client_secret_basic",
    scope: client.scopes.join(" "),
  };
}

/** An oidc-provider adapter class over the sandbox's clients and a private store. */
export function oidcAdapter(clients: ReadonlyMap<string, ResolvedClient>): new (model: string) => object {
  const store = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const entry = store.get(key);
    if (entry !== undefined && entry.expiresAt <= Date.now()) store.delete(key);
    return entry !== undefined && entry.expiresAt > Date.now() ? entry : undefined;
  };
  return class SandboxAdapter {
    readonly #model: string;

    constructor(model: string) {
      this.#model = model;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      const now = Date.now();
      if (store.size > 10_000) for (const key of store.keys()) live(key);
      store.set(`${this.#model}:${id}`, { payload, expiresAt: expiresIn === undefined ? Infinity : now + expiresIn * 1000 });
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      if (this.#model === "Client") {
        const client = clients.get(id);
        return client === undefined ? undefined : metadata(client);
      }
      return live(`${this.#model}:${id}`)?.payload;
    }

    async findByUid(): Promise<undefined> {
      return undefined;
    }

    async findByUserCode(): Promise<undefined> {
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = live(`${this.#model}:${id}`);
      if (entry !== undefined) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(`${this.#model}:${id}`);
    }

    async revokeByGrantId(): Promise<void> {}
  };
}
