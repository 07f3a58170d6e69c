// Internal: one HTTP exchange for a SMART configuration document.

import { isSecureUrl, readBodyCapped } from "@cadasto/core";
import { DiscoveryError } from "./errors.ts";

/** What the server said about caching the answer. */
export interface Freshness {
  /** Milliseconds the answer may be reused (Cache-Control max-age minus Age); undefined when not stated. */
  readonly maxAgeMs: number | undefined;
  /** Cache-Control: no-store. */
  readonly noStore: boolean;
  /** The ETag, for If-None-Match. */
  readonly etag: string | undefined;
}

export type Fetched = ({ readonly notModified: false; readonly document: unknown } | { readonly notModified: true }) & Freshness;

export interface FetchInit {
  readonly fetch: typeof globalThis.fetch;
  readonly timeout: number;
  readonly signal?: AbortSignal | undefined;
  /** Sent as If-None-Match; a 304 answer is then `notModified`. */
  readonly etag?: string | undefined;
}

/** The `aborted` error for a discovery of `url` that `signal` stopped (`when`: "before it started", …). */
export function aborted(url: string, signal: AbortSignal, when: string): DiscoveryError {
  return new DiscoveryError("aborted", `Discovery of ${url} was aborted ${when}.`, { url, cause: signal.reason });
}

/** The `timeout` error for a discovery of `url` that got no complete answer within `timeout` ms. */
export function timedOut(url: string, timeout: number, cause?: unknown): DiscoveryError {
  return new DiscoveryError(
    "timeout",
    `No complete answer from ${url} within ${timeout} ms: check the URL and the network, or raise options.timeout.`,
    {
      url,
      cause,
    },
  );
}

/** Fetches the document within the timeout and the signal; returns the parsed JSON or "not modified". */
export async function fetchDocument(url: string, init: FetchInit): Promise<Fetched> {
  const { signal, timeout } = init;
  if (signal?.aborted) {
    throw aborted(url, signal, "before it started");
  }
  const controller = new AbortController();
  let expired = false;
  const timer =
    timeout > 0
      ? setTimeout(() => {
          expired = true;
          controller.abort(timedOut(url, timeout));
        }, timeout)
      : undefined;
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  // Also race the abort: a custom fetch may ignore the signal and never settle.
  let stopWaiting: (reason: unknown) => void = () => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    stopWaiting = reject;
  });
  controller.signal.addEventListener("abort", () => stopWaiting(controller.signal.reason), { once: true });
  try {
    const headers: Record<string, string> = { accept: "application/json" };
    if (init.etag !== undefined) headers["if-none-match"] = init.etag;
    const exchange = (async () => {
      const response = await init.fetch(url, { method: "GET", headers, redirect: "follow", signal: controller.signal });
      return await readAnswer(response, url, init.etag !== undefined);
    })();
    exchange.catch(() => {}); // settled late after an abort: nobody listens any more
    return await Promise.race([exchange, stopped]);
  } catch (error) {
    if (expired) {
      throw timedOut(url, timeout, error);
    }
    if (signal?.aborted) {
      throw aborted(url, signal, "by the caller's signal");
    }
    if (error instanceof DiscoveryError) throw error;
    throw new DiscoveryError(
      "network_error",
      `Could not reach ${url}: check the host name, the network and TLS (${describeCause(error)}).`,
      { url, cause: error },
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

async function readAnswer(response: Response, url: string, conditional: boolean): Promise<Fetched> {
  if (response.redirected && response.url !== "") {
    const final = new URL(response.url);
    if (!isSecureUrl(final)) {
      await response.body?.cancel();
      throw new DiscoveryError(
        "insecure_endpoint",
        `${url} redirected to ${final.href}, which uses http on a host that is not loopback: refused.`,
        { url: final.href },
      );
    }
  }
  const freshness = freshnessOf(response.headers);
  if (response.status === 304 && conditional) {
    await response.body?.cancel();
    return { notModified: true, ...freshness };
  }
  if (!response.ok) {
    await response.body?.cancel();
    const hint =
      response.status === 404
        ? "check authBaseUrl: this server does not publish a SMART configuration there"
        : response.status >= 500
          ? "the auth server failed: try again later"
          : "check authBaseUrl and any proxy in between";
    throw new DiscoveryError(
      "http_error",
      `GET ${url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}: ${hint}.`,
      {
        url,
        status: response.status,
      },
    );
  }
  const type = response.headers.get("content-type");
  if (type !== null && !isJsonMediaType(type)) {
    await response.body?.cancel();
    throw new DiscoveryError(
      "invalid_json",
      `GET ${url} answered Content-Type ${JSON.stringify(type)}, not JSON: check that authBaseUrl points at the auth server (a proxy or a login page answers HTML).`,
      {
        url,
        status: response.status,
      },
    );
  }
  const text = await readText(response, url);
  try {
    return { notModified: false, document: JSON.parse(text), ...freshness };
  } catch (error) {
    throw new DiscoveryError("invalid_json", `GET ${url} answered a body that is not valid JSON (${describeCause(error)}).`, {
      url,
      status: response.status,
      cause: error,
    });
  }
}

/** A SMART configuration is a few KB; more than this is not one. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** The body as text, refusing more than MAX_DOCUMENT_BYTES without reading it all. */
async function readText(response: Response, url: string): Promise<string> {
  const bytes = await readBodyCapped(response, MAX_DOCUMENT_BYTES);
  if (bytes === undefined) {
    throw new DiscoveryError(
      "invalid_document",
      `GET ${url} answered more than ${MAX_DOCUMENT_BYTES} bytes: that is not a SMART configuration; check authBaseUrl.`,
      {
        url,
        status: response.status,
        issues: [{ path: [], message: `is larger than ${MAX_DOCUMENT_BYTES} bytes` }],
      },
    );
  }
  return new TextDecoder().decode(bytes);
}

function isJsonMediaType(value: string): boolean {
  const essence = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence);
}

/** Cache-Control (no-store, no-cache, max-age), Age and ETag of an answer. */
function freshnessOf(headers: Headers): Freshness {
  let maxAgeMs: number | undefined;
  let noStore = false;
  for (const part of (headers.get("cache-control") ?? "").split(",")) {
    const [name = "", value] = part.trim().toLowerCase().split("=", 2);
    if (name === "no-store") noStore = true;
    else if (name === "no-cache") maxAgeMs = 0;
    else if (name === "max-age" && value !== undefined && /^\d+$/.test(value.replace(/^"|"$/g, "")) && maxAgeMs !== 0) {
      maxAgeMs = Number(value.replace(/^"|"$/g, "")) * 1000;
    }
  }
  const age = Number(headers.get("age") ?? "0");
  if (maxAgeMs !== undefined && Number.isFinite(age) && age > 0) maxAgeMs = Math.max(0, maxAgeMs - age * 1000);
  return { maxAgeMs, noStore, etag: headers.get("etag") ?? undefined };
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
