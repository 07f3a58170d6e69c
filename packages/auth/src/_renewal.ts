// Internal: one renewal of a token source's token. Without a store (the default) the
// source asks the token endpoint and keeps the token in memory; with one, the store
// path (_store_renewal.ts: read, lease, publish) is loaded on first use and decides.
import { type JwtTimes, jwtTimes } from "./_jwt.ts";
import { lifetimeOf } from "./_lifetime.ts";
import { tokenTimes } from "./_expiry.ts";
import type { Renewed, StoreContext, StoreOperation } from "./_store_renewal.ts";
import type { TokenAnswer } from "./_token_request.ts";
import type { StoredToken, TokenStore } from "./token_store.ts";

export type { Renewed } from "./_store_renewal.ts";

/** What a renewal needs from its token source. */
export interface RenewalContext extends Omit<StoreContext, "store"> {
  /** The store the user gave, if any. */
  readonly store: TokenStore | undefined;
  /** The token endpoint URL, for error messages. */
  readonly url: string;
  readonly refreshMargin: number | undefined;
  readonly defaultLifetime: number;
  /** Set once a `token.lifetime_assumed` warning went out (one per source). */
  readonly warned: { lifetime: boolean };
  /** One token request with its retries; `sent` is called with the send time of each attempt. */
  readonly request: (signal: AbortSignal, sent: (at: number) => void) => Promise<TokenAnswer>;
  /** Whether callers are being served a valid token meanwhile (for `token.renewed`). */
  readonly background: () => boolean;
}

type StorePath = typeof import("./_store_renewal.ts");

/** The store path, loaded once; a failed load is not kept (the next renewal tries again). */
let storePath: Promise<StorePath> | undefined;

/**
 * The store path for a source with a store. When its code cannot be loaded the store is
 * bypassed like a store that fails: a `store.error` event for `operation`, then `undefined`.
 */
export async function loadStorePath(ctx: RenewalContext, operation: StoreOperation): Promise<StorePath | undefined> {
  const started = ctx.now();
  storePath ??= import("./_store_renewal.ts");
  const loading = storePath;
  try {
    return await loading;
  } catch (error) {
    if (storePath === loading) storePath = undefined;
    ctx.emit?.({ type: "store.error", operation, durationMs: ctx.now() - started, message: ctx.describe(error) });
    return undefined;
  }
}

/** Renews: through the store when there is one (and its code loads), else from the token endpoint. */
export async function renew(ctx: RenewalContext, signal: AbortSignal): Promise<Renewed> {
  const network = (): Promise<StoredToken> => requestFresh(ctx, signal);
  const { store } = ctx;
  const path = store === undefined ? undefined : await loadStorePath(ctx, "get");
  if (store === undefined || path === undefined) return { token: await network(), from: "network" };
  return path.renewThroughStore({ ...ctx, store }, signal, network);
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
