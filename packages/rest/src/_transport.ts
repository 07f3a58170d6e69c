// Internal: one ky instance per client, the fetch it sends with, and what a
// send that got no answer becomes.
//
// ky does the retries (idempotent methods only, backoff with jitter,
// Retry-After), the time limit per attempt and the hooks. A send with the
// caller's signal gives ky a `fetch` that passes that signal to fetch itself
// as well as through the Request ky builds: undici loses a Request's link to
// its parent signal after a garbage collection (the Request's inner
// AbortController is held weakly), and an abort would then never reach the
// network.
//
// Per call ky merges the instance's options with the call's (a new object per
// key), so a send gives ky only the keys it sets: no undefined values (which
// would replace the instance's), no per-call hooks or fetch without a signal.
import ky, { isHTTPError, isTimeoutError, type Options, type RetryOptions } from "ky";
import type { RestClientOptions, RestErrorFactory } from "./rest_client_options.ts";

/** The retry policy when the caller gives none. */
const DEFAULT_RETRY: RetryOptions = { limit: 2, jitter: true, backoffLimit: 10_000, maxRetryAfter: 60_000 };
/** The time limit of each attempt when the caller gives none. */
const DEFAULT_TIMEOUT = 60_000;

/**
 * Sends through ky: an HTTP error status comes back as the response (not as
 * ky's HTTPError); no answer is a `timeout` or `network_error`, an abort the
 * signal's reason, and any other error (a token source's, a hook's) itself.
 */
export type Transport = (url: string, init: Options) => Promise<Response>;

/** Builds the transport for validated client options. */
export function createTransport(options: RestClientOptions, errors: RestErrorFactory): Transport {
  let base = options.fetch;
  const fetchOnce = (input: RequestInfo | URL, init?: RequestInit) => (base ?? globalThis.fetch)(input, init);
  // Absolute URLs are passed: a caller's ky instance keeps no prefixUrl.
  const own: Options = { prefixUrl: "", fetch: fetchOnce };
  if (options.retry !== undefined) own.retry = options.retry;
  if (options.timeout !== undefined) own.timeout = options.timeout;
  if (options.hooks !== undefined) own.hooks = options.hooks;
  const instance =
    options.ky?.extend((parent) => {
      // The caller's ky keeps its own fetch: every send goes through it.
      base = parent.fetch;
      return own;
    }) ?? ky.create({ retry: DEFAULT_RETRY, timeout: DEFAULT_TIMEOUT, ...own });

  /** The typed error for a send that got no response (aborts and other errors pass through). */
  function noAnswer(error: unknown, method: string, url: string, init: Options): unknown {
    const { signal } = init;
    if (signal?.aborted) return signal.reason;
    if (isTimeoutError(error)) {
      const ms = init.timeout ?? options.timeout ?? (options.ky === undefined ? DEFAULT_TIMEOUT : undefined);
      const limit = ms === undefined || ms === false ? "the ky instance's timeout" : `${ms} ms`;
      return errors.client(
        "timeout",
        `${method} ${url} got no answer within ${limit}: retry later, or give a longer timeout if the server is just slow.`,
        { method, url, cause: error },
      );
    }
    // fetch() rejects with a TypeError when no answer came; anything else
    // (an error of the token source or of a hook) passes through.
    if (!(error instanceof TypeError)) return error;
    // Node puts the system error (ECONNREFUSED, ENOTFOUND, …) in the cause.
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    const reason = typeof code === "string" ? `${error.message}: ${code}` : error.message;
    return errors.client(
      "network_error",
      `${method} ${url} got no answer (${reason}): check the network and that the base URL is reachable.`,
      { method, url, cause: error },
    );
  }

  return async (url, init) => {
    const { signal } = init;
    // ky hands its fetch a Request, whose own signal carries ky's time limit.
    if (signal != null) {
      init.fetch = (input, request) =>
        fetchOnce(input, { ...request, signal: input instanceof Request ? AbortSignal.any([signal, input.signal]) : signal });
    }
    try {
      return await instance(url, init);
    } catch (error) {
      if (isHTTPError(error)) return error.response;
      throw noAnswer(error, init.method as string, url, init);
    }
  };
}
