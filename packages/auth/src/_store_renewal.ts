// Internal: renewing through a TokenStore the user gave (`store`), behind a dynamic
// import() that only runs for such a source (see _renewal.ts): a source without one
// keeps its token in memory and never loads this. The store is read first (another
// instance may have renewed); with a store that offers a lease, only the lease holder
// asks the token endpoint and publishes, while the others keep serving the still-valid
// token or, when there is none, poll the store for the published one. A store that fails
// or is slow is bypassed (a `store.error` event): the source then renews on its own, as
// without a store. Everything it needs comes through its context, so it imports nothing
// of this package at run time and a bundler gives it one chunk of its own.
import type { Emit } from "./_events.ts";
import type { ServerClock } from "./_clock.ts";
import type { StoredToken, TokenStore } from "./token_store.ts";

/** What the store path needs from its token source. */
export interface StoreContext {
  readonly key: string;
  readonly store: TokenStore;
  readonly now: () => number;
  readonly clock: ServerClock;
  readonly emit: Emit;
  /** How long one store call may take (ms). */
  readonly storeTimeout: number;
  /** How long to wait for another instance's token before renewing locally (ms). */
  readonly waitLimit: number;
  /** The token value the API last refused. */
  readonly rejected: () => string | undefined;
  /** A short description of a store's error for `store.error`, secrets scrubbed. */
  readonly describe: (error: unknown) => string;
  /** Waits `ms`, or rejects with the signal's reason when it aborts. */
  readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A renewal's outcome: the token, where it came from, and when to look again (local ms) if not its own renewal point. */
export interface Renewed {
  readonly token: StoredToken;
  readonly from: "store" | "network";
  readonly recheckAt?: number | undefined;
}

/** The operations reported in `store.error`. */
export type StoreOperation = "get" | "set" | "delete" | "lease" | "release";

/** What a store call that failed or timed out returns. */
const FAILED: unique symbol = Symbol("store failed");

/** Runs `call` within `storeTimeout` ms; a rejection, a synchronous throw or a timeout gives {@linkcode FAILED}. */
export function storeCall<T>(operation: StoreOperation, call: () => Promise<T>, ctx: StoreContext): Promise<T | typeof FAILED> {
  const { now, emit, storeTimeout } = ctx;
  const started = now();
  return new Promise((resolve) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      emit?.({ type: "store.error", operation, durationMs: now() - started, message: ctx.describe(error) });
      resolve(FAILED);
    };
    const timer = setTimeout(() => fail(new Error(`no answer within storeTimeout (${storeTimeout} ms)`)), storeTimeout);
    Promise.resolve()
      .then(call)
      .then((value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      }, fail);
  });
}

/** How often a source looks at the store again while another instance holds the lease (ms, jittered). */
function pollDelay(random: number = Math.random()): number {
  return 50 + random * 50;
}

/**
 * Renews: from the store when another instance already did, else through the lease,
 * else through `network` (which asks the token endpoint; its token is then published).
 */
export async function renewThroughStore(ctx: StoreContext, signal: AbortSignal, network: () => Promise<StoredToken>): Promise<Renewed> {
  const { store, key, now, clock, emit } = ctx;
  const call = <T>(operation: StoreOperation, run: () => Promise<T>) => storeCall(operation, run, ctx);
  const ok = (t: StoredToken | undefined | typeof FAILED): t is StoredToken =>
    t !== undefined && t !== FAILED && t.value !== ctx.rejected();
  const fresh = (t: StoredToken | undefined | typeof FAILED): t is StoredToken => ok(t) && clock.toServer(now()) < t.renewAt;
  const usable = (t: StoredToken | undefined | typeof FAILED): t is StoredToken => ok(t) && clock.toServer(now()) < t.expiresAt;
  const publish = async (): Promise<Renewed> => {
    const token = await network();
    await call("set", () => store.set(key, token, clock.toLocal(token.expiresAt) - now()));
    return { token, from: "network" };
  };

  const read = async () => {
    const t = await call("get", () => store.get(key));
    // The store's own remaining time is clock-free: it tells this host its skew.
    if (t !== FAILED && t?.ttlMs !== undefined && clock.adopt(t.expiresAt - (now() + t.ttlMs))) {
      emit?.({ type: "clock.skew", offsetMs: clock.offset });
    }
    return t;
  };
  const started = now();
  let latest = await read();
  if (latest === FAILED) return publish();
  if (fresh(latest)) return { token: latest, from: "store" };
  if (store.lease === undefined) return publish();
  let waited = false;
  for (;;) {
    const lease = await call("lease", () => (store.lease as NonNullable<TokenStore["lease"]>)(key));
    if (lease === FAILED) return publish();
    if (lease !== undefined) {
      emit?.({ type: "lease.acquired", durationMs: now() - started });
      if (waited) emit?.({ type: "lease.waited", durationMs: now() - started, outcome: "lease" });
      try {
        // Another instance may have published and released between our read and our lease.
        const again = await read();
        if (fresh(again)) return { token: again, from: "store" };
        return await publish();
      } finally {
        void call("release", () => lease.release());
      }
    }
    // Another instance renews: serve the token that is still valid and look again soon.
    if (usable(latest)) return { token: latest, from: "store", recheckAt: now() + pollDelay() };
    waited = true;
    if (now() - started > ctx.waitLimit) {
      emit?.({ type: "lease.waited", durationMs: now() - started, outcome: "gave_up" });
      return publish();
    }
    await ctx.wait(pollDelay(), signal);
    latest = await read();
    if (latest === FAILED) return publish();
    if (fresh(latest)) {
      emit?.({ type: "lease.waited", durationMs: now() - started, outcome: "token" });
      return { token: latest, from: "store" };
    }
  }
}
