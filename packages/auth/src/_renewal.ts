// Internal: one renewal of a token source's token, coordinated through its store.
// The store is read first (another instance may have renewed); with a store that
// offers a lease, only the lease holder asks the token endpoint and publishes, while
// the others keep serving the still-valid token or, when there is none, poll the
// store for the published one. A store that fails or is slow is bypassed (a
// `store.error` event): the source then renews on its own, as without a store.
import type { Secret } from "@cadasto/core";
import type { ServerClock } from "./_clock.ts";
import type { Emit } from "./_events.ts";
import { type JwtTimes, jwtTimes } from "./_jwt.ts";
import { lifetimeOf } from "./_lifetime.ts";
import { pollDelay } from "./_refresh_policy.ts";
import { FAILED, type StoreOperation, storeCall } from "./_store_call.ts";
import { tokenTimes } from "./_expiry.ts";
import type { TokenAnswer } from "./_token_request.ts";
import type { StoredToken, TokenStore } from "./token_store.ts";

/** What a renewal needs from its token source. */
export interface RenewalContext {
  readonly key: string;
  /** The token endpoint URL, for error messages. */
  readonly url: string;
  readonly store: TokenStore;
  readonly now: () => number;
  readonly clock: ServerClock;
  readonly emit: Emit;
  readonly storeTimeout: number;
  /** How long to wait for another instance's token before renewing locally (ms). */
  readonly waitLimit: number;
  readonly refreshMargin: number | undefined;
  readonly defaultLifetime: number;
  /** Set once a `token.lifetime_assumed` warning went out (one per source). */
  readonly warned: { lifetime: boolean };
  /** The token value the API last refused. */
  readonly rejected: () => string | undefined;
  /** Strings to scrub from store error messages (the secret, the current token). */
  readonly secrets: () => readonly (Secret | undefined)[];
  /** One token request with its retries; `sent` is called with the send time of each attempt. */
  readonly request: (signal: AbortSignal, sent: (at: number) => void) => Promise<TokenAnswer>;
  /** Whether callers are being served a valid token meanwhile (for `token.renewed`). */
  readonly background: () => boolean;
}

/** A renewal's outcome: the token, where it came from, and when to look again (local ms) if not its own renewal point. */
export interface Renewed {
  readonly token: StoredToken;
  readonly from: "store" | "network";
  readonly recheckAt?: number | undefined;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal.addEventListener("abort", stop, { once: true });
  });

/** Renews: from the store when another instance already did, else through the lease, else locally. */
export async function renew(ctx: RenewalContext, signal: AbortSignal): Promise<Renewed> {
  const { store, key, now, clock, emit } = ctx;
  const call = <T>(operation: StoreOperation, run: () => Promise<T>) => storeCall(operation, run, ctx.storeTimeout, emit, now, ctx.secrets);
  const ok = (t: StoredToken | undefined | typeof FAILED): t is StoredToken =>
    t !== undefined && t !== FAILED && t.value !== ctx.rejected();
  const fresh = (t: StoredToken | undefined | typeof FAILED): t is StoredToken => ok(t) && clock.toServer(now()) < t.renewAt;
  const usable = (t: StoredToken | undefined | typeof FAILED): t is StoredToken => ok(t) && clock.toServer(now()) < t.expiresAt;
  const network = async (): Promise<Renewed> => {
    const token = await requestFresh(ctx, signal);
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
  if (latest === FAILED) return network();
  if (fresh(latest)) return { token: latest, from: "store" };
  if (store.lease === undefined) return network();
  let waited = false;
  for (;;) {
    const lease = await call("lease", () => (store.lease as NonNullable<TokenStore["lease"]>)(key));
    if (lease === FAILED) return network();
    if (lease !== undefined) {
      emit?.({ type: "lease.acquired", durationMs: now() - started });
      if (waited) emit?.({ type: "lease.waited", durationMs: now() - started, outcome: "lease" });
      try {
        // Another instance may have published and released between our read and our lease.
        const again = await read();
        if (fresh(again)) return { token: again, from: "store" };
        return await network();
      } finally {
        void call("release", () => lease.release());
      }
    }
    // Another instance renews: serve the token that is still valid and look again soon.
    if (usable(latest)) return { token: latest, from: "store", recheckAt: now() + pollDelay() };
    waited = true;
    if (now() - started > ctx.waitLimit) {
      emit?.({ type: "lease.waited", durationMs: now() - started, outcome: "gave_up" });
      return network();
    }
    await sleep(pollDelay(), signal);
    latest = await read();
    if (latest === FAILED) return network();
    if (fresh(latest)) {
      emit?.({ type: "lease.waited", durationMs: now() - started, outcome: "token" });
      return { token: latest, from: "store" };
    }
  }
}

/** Asks the token endpoint; measures the clock skew and applies the lifetime policy. Times in the server's clock. */
async function requestFresh(ctx: RenewalContext, signal: AbortSignal): Promise<StoredToken> {
  const { now, clock, emit } = ctx;
  const started = now();
  const background = ctx.background();
  emit?.({ type: "token.requested" });
  let sentAt = started;
  try {
    const answer = await ctx.request(signal, (at) => {
      sentAt = at;
    });
    const receivedAt = now();
    const jwt: JwtTimes | undefined = jwtTimes(answer.value);
    if (clock.observe(sentAt, receivedAt, answer.date, jwt?.iat)) emit?.({ type: "clock.skew", offsetMs: clock.offset });
    const serverSentAt = clock.toServer(sentAt);
    const lifetime = lifetimeOf(answer.expiresIn, jwt, serverSentAt, ctx.defaultLifetime, {
      url: ctx.url,
      status: answer.status,
    });
    if (lifetime.source !== "expires_in" && !ctx.warned.lifetime) {
      ctx.warned.lifetime = true;
      emit?.({ type: "token.lifetime_assumed", lifetimeMs: lifetime.ms, source: lifetime.source });
    }
    // A JWT's exp counts whole seconds from a floored iat: it can end up to a second before
    // sentAt + expires_in. Its server never accepts the token past exp, so neither do we.
    const capped = jwt?.exp === undefined ? lifetime.ms : Math.min(lifetime.ms, jwt.exp * 1000 - serverSentAt);
    const times = tokenTimes(serverSentAt, (capped > 0 ? capped : lifetime.ms) / 1000, ctx.refreshMargin);
    const token: StoredToken = { value: answer.value, scope: answer.scope, tokenType: answer.tokenType, ...times };
    emit?.({ type: "token.renewed", durationMs: now() - started, expiresAt: clock.toLocal(times.expiresAt), background });
    return token;
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    emit?.({
      type: "token.failed",
      durationMs: now() - started,
      code: typeof code === "string" ? code : "aborted",
      message: error instanceof Error ? error.message.slice(0, 300) : String(error),
    });
    throw error;
  }
}
