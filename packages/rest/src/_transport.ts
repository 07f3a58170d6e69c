// Internal: one ky instance per client, and the fetch it sends with.
//
// ky does the retries (idempotent methods only, backoff with jitter,
// Retry-After), the time limit per attempt and the hooks. Every call gives ky
// its own `fetch` that passes the caller's signal to fetch itself as well as
// through the Request ky builds: undici loses a Request's link to its parent
// signal after a garbage collection (the Request's inner AbortController is
// held weakly), and an abort would then never reach the network.
import ky, { isHTTPError, type KyInstance, type Options, type RetryOptions } from "ky";
import type { RestClientOptions } from "./rest_client_options.ts";

/** The retry policy when the caller gives none. */
const DEFAULT_RETRY: RetryOptions = { limit: 2, jitter: true, backoffLimit: 10_000, maxRetryAfter: 60_000 };
/** The time limit of each attempt when the caller gives none. */
export const DEFAULT_TIMEOUT = 60_000;

/** One send: the method, headers and body of a request that may be retried by ky. */
export interface Send {
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | undefined;
  readonly json: unknown;
  readonly signal: AbortSignal | undefined;
  readonly timeout: number | false | undefined;
  readonly retry: RetryOptions | number | undefined;
}

/** Sends through ky; an HTTP error status comes back as the response, not as ky's HTTPError. */
export type Transport = (url: string, send: Send) => Promise<Response>;

/** Builds the transport for validated client options. */
export function createTransport(options: RestClientOptions): Transport {
  let base = options.fetch;
  // The fetch of every send without a caller's signal, set once (per-call options cost ky a merge each).
  const fetchOnce = (input: RequestInfo | URL, init?: RequestInit) => (base ?? globalThis.fetch)(input, init);
  const own: Options = {
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.hooks !== undefined ? { hooks: options.hooks } : {}),
    // Absolute URLs are passed: a caller's ky instance keeps no prefixUrl.
    prefixUrl: "",
    fetch: fetchOnce,
  };
  const instance: KyInstance =
    options.ky !== undefined
      ? options.ky.extend((parent) => {
          // The caller's ky keeps its own fetch: every send goes through it.
          base = parent.fetch;
          return own;
        })
      : ky.create({ retry: DEFAULT_RETRY, timeout: DEFAULT_TIMEOUT, ...own });
  return async (url, send) => {
    const { signal } = send;
    try {
      return await instance(url, {
        method: send.method,
        headers: send.headers,
        ...(send.json !== undefined ? { json: send.json } : send.body !== undefined ? { body: send.body } : {}),
        ...(send.timeout !== undefined ? { timeout: send.timeout } : {}),
        ...(send.retry !== undefined ? { retry: send.retry } : {}),
        ...(signal !== undefined
          ? { signal, fetch: (input: RequestInfo | URL, init?: RequestInit) => fetchOnce(input, withCallerSignal(input, init, signal)) }
          : {}),
      });
    } catch (error) {
      if (isHTTPError(error)) return error.response;
      throw error;
    }
  };
}

/** `init` with a signal that follows both the caller's signal and the Request's own (ky's time limit). */
function withCallerSignal(input: RequestInfo | URL, init: RequestInit | undefined, signal: AbortSignal): RequestInit {
  const own = input instanceof Request ? input.signal : undefined;
  return { ...init, signal: own === undefined ? signal : AbortSignal.any([signal, own]) };
}
