// Internal: the storage oidc-provider keeps its artefacts in (grants, client
// credentials, sessions, …), in memory and per sandbox. Passing one keeps
// oidc-provider from falling back to its development-only adapter (and from
// warning about it on the console). Clients are not stored: they are looked up
// in the sandbox's own table on every request, so a rotated secret takes effect at once.
import type { ResolvedClient } from "./_clients.ts";

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

interface Entry {
  payload: Payload;
  expiresAt: number | undefined;
}

/** The client metadata oidc-provider reads for one of the sandbox's clients. */
function metadata(client: ResolvedClient): Payload {
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

/**
 * Creates the adapter class for one sandbox: each model (`name`) gets its own map; all share the
 * grant index; the `Client` model reads `clients`.
 */
export function memoryAdapter(clients: ReadonlyMap<string, ResolvedClient>): new (name: string) => MemoryAdapter {
  const models = new Map<string, Map<string, Entry>>();
  const grants = new Map<string, Set<() => void>>();
  return class extends MemoryAdapter {
    readonly #client: boolean;

    constructor(name: string) {
      const entries = models.get(name) ?? new Map<string, Entry>();
      models.set(name, entries);
      super(entries, grants);
      this.#client = name === "Client";
    }

    override async find(id: string): Promise<Payload | undefined> {
      if (!this.#client) return super.find(id);
      const client = clients.get(id);
      return client === undefined ? undefined : metadata(client);
    }
  };
}

/** oidc-provider's adapter interface over one map; expired entries are dropped when read. */
export class MemoryAdapter {
  readonly #entries: Map<string, Entry>;
  readonly #grants: Map<string, Set<() => void>>;

  constructor(entries: Map<string, Entry>, grants: Map<string, Set<() => void>>) {
    this.#entries = entries;
    this.#grants = grants;
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    this.#entries.set(id, { payload, expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000 });
    if (typeof payload.grantId === "string") {
      const drops = this.#grants.get(payload.grantId) ?? new Set();
      drops.add(() => this.#entries.delete(id));
      this.#grants.set(payload.grantId, drops);
    }
  }

  async find(id: string): Promise<Payload | undefined> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.payload;
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    for (const [id, entry] of this.#entries) if (entry.payload.uid === uid) return this.find(id);
    return undefined;
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    for (const [id, entry] of this.#entries) if (entry.payload.userCode === userCode) return this.find(id);
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (entry !== undefined) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.#entries.delete(id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const drop of this.#grants.get(grantId) ?? []) drop();
    this.#grants.delete(grantId);
  }
}
