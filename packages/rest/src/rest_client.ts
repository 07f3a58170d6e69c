import { SECURE_URL_RULE, tryParseUrl, urlProblem } from "@cadasto/core";
import type { Options } from "ky";
import { apiErrorFrom, defaultErrors } from "./_api_error.ts";
import { checkClientOptions, checkRequestOptions, refuse } from "./_options.ts";
import { segmentProblem } from "./_path.ts";
import { createTransport } from "./_transport.ts";
import type { Query, RestClientOptions, RestRequestOptions } from "./rest_client_options.ts";

/**
 * A client of one REST API; see {@linkcode createRestClient}.
 *
 * @example Pass the client around by its type
 * ```ts
 * import { createRestClient, isApiError, type RestClient } from "@cadasto/rest";
 * async function ehrExists(api: RestClient, ehrId: string): Promise<boolean> {
 *   try {
 *     await api.request("HEAD", ["ehr", ehrId]);
 *     return true;
 *   } catch (error) {
 *     if (isApiError(error) && error.code === "not_found") return false;
 *     throw error;
 *   }
 * }
 * console.log(await ehrExists(createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" }), "7d44b88c-4199-4bad-97dc-d78268e01398"));
 * ```
 */
export interface RestClient {
  /** The validated base URL, without a trailing slash. */
  readonly baseUrl: string;
  /**
   * The URL of a path under the base URL: each segment percent-encoded
   * (`/`, `?`, `#`, `::`, spaces and non-ASCII stay inside it).
   *
   * @param path The raw segments (`["ehr", ehrId, "composition"]`), or an absolute URL under the base URL (a `Location`).
   * @param query Query parameters.
   * @returns The absolute URL.
   * @throws {RestClientError} `invalid_option` (field `path`) for an empty segment, `.` or `..` (never resolved to another path), or a URL outside the base URL.
   */
  url(path: readonly string[] | URL, query?: Query): string;
  /**
   * Sends a request and returns the response when its status is 2xx or 3xx.
   * With `auth`, the bearer goes on every send; a 401 invalidates exactly
   * that token and the request is sent once more with a new one (body
   * included); a second 401 is an `unauthorized` error. ky retries
   * idempotent methods as configured.
   *
   * @param method The HTTP method (`GET`, `POST`, …).
   * @param path Segments or a URL, as for {@linkcode RestClient.url}.
   * @param options Query, headers, body or json, signal, timeout.
   * @returns The response (its body unread).
   * @throws {ApiError} An error status (as the client's `errors` build it), the bearer scrubbed from every field.
   * @throws {RestClientError} `invalid_option`, `network_error`, `timeout`.
   */
  request(method: string, path: readonly string[] | URL, options?: RestRequestOptions): Promise<Response>;
  /**
   * {@linkcode RestClient.request}, then the body parsed as JSON (`undefined` for an empty body).
   *
   * @param method The HTTP method.
   * @param path Segments or a URL.
   * @param options As for `request`; `accept` defaults to `application/json`.
   * @returns The parsed body, typed as the caller says (not checked).
   * @throws {ApiError} An error status.
   * @throws {RestClientError} `invalid_response` for a body that is not JSON, and as `request`.
   */
  json<T = unknown>(method: string, path: readonly string[] | URL, options?: RestRequestOptions): Promise<T>;
}

/**
 * Creates a client of a REST API under `baseUrl` on ky: the base URL rule
 * (https, http only on loopback hosts), paths built from segments that are
 * each URL-encoded and never resolve `.`/`..`, a bearer from a token source
 * with exactly one replay on 401, ky's retries (idempotent methods only,
 * backoff with jitter, `Retry-After`), a time limit per attempt, ky hooks,
 * and error responses turned into typed errors (the three openEHR error body
 * shapes parsed, the bearer that was sent scrubbed from every field even when
 * the server echoes it). Options are checked here, before any request.
 *
 * @param options The base URL, and optionally `auth`, `fetch` or `ky`, `retry`, `timeout`, `hooks`, `errors`, `advice`.
 * @returns The client.
 * @throws {RestClientError} `invalid_base_url` or `invalid_option`, naming the field.
 *
 * @example Read an EHR with client credentials
 * ```ts
 * import { clientCredentials } from "@cadasto/auth";
 * import { createRestClient } from "@cadasto/rest";
 * const baseUrl = "https://acme.api.prod.cadasto.io/openehr/v1";
 * const auth = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret: process.env.CADASTO_CLIENT_SECRET ?? "",
 *   audience: baseUrl,
 * });
 * const api = createRestClient({ baseUrl, auth });
 * const ehr = await api.json<{ ehr_id: { value: string } }>("GET", ["ehr", "7d44b88c-4199-4bad-97dc-d78268e01398"]);
 * console.log(ehr.ehr_id.value);
 * ```
 */
export function createRestClient(options: RestClientOptions): RestClient {
  const errors = options?.errors ?? defaultErrors;
  checkClientOptions(options, errors);
  const baseUrl = checkBaseUrl(options.baseUrl, errors);
  const { origin, pathname } = new URL(baseUrl);
  const { auth, advice } = options;
  const transport = createTransport(options, errors);

  function url(path: readonly string[] | URL, query?: Query): string {
    let href = baseUrl;
    if (path instanceof URL) {
      if (path.origin !== origin || !`${path.pathname}/`.startsWith(`${pathname}/`)) {
        refuse(errors, "path", `path ${path.href} is not under the base URL ${baseUrl}: the client sends its token nowhere else.`);
      }
      href = `${path.origin}${path.pathname}${path.search}`;
    } else {
      if (!Array.isArray(path)) refuse(errors, "path", "path must be an array of segments or a URL.");
      path.forEach((segment, index) => {
        const problem = segmentProblem(segment);
        if (problem !== undefined) refuse(errors, "path", `path segment ${index} ${problem}.`);
        href += `/${encodeURIComponent(segment)}`;
      });
    }
    if (query === undefined) return href;
    let params = query;
    if (!(params instanceof URLSearchParams)) {
      params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    }
    const search = params.toString();
    return search === "" ? href : `${href}${href.includes("?") ? "&" : "?"}${search}`;
  }

  /** One call: the sends (a second one after a 401), and an error status as the client's error. */
  async function send(method: string, path: readonly string[] | URL, call: RestRequestOptions, accept?: string): Promise<Response> {
    checkRequestOptions(method, call, errors);
    const target = url(path, call.query);
    const { signal, body } = call;
    let headers: Headers;
    try {
      headers = new Headers(call.headers);
    } catch (cause) {
      refuse(errors, "headers", `headers cannot be sent: ${(cause as Error).message}.`, cause);
    }
    if (accept !== undefined && !headers.has("accept")) headers.set("accept", accept);
    signal?.throwIfAborted();
    // ky copies the headers and options when called, so each send may change them.
    const init: Options = { method, headers };
    if (signal !== undefined) init.signal = signal;
    if (call.json !== undefined) init.json = call.json;
    if (call.timeout !== undefined) init.timeout = call.timeout;
    if (call.retry !== undefined) init.retry = call.retry;
    // A one-shot stream is teed when a 401 may replay it: the second branch buffers what the first sends.
    const branches = auth !== undefined && body instanceof ReadableStream ? body.tee() : undefined;
    const tokens: string[] = [];
    for (let sends = 0; ; sends++) {
      if (auth !== undefined) {
        const { value } = await untilAborted(auth.getToken({ signal }), signal);
        tokens.push(value);
        headers.set("authorization", `Bearer ${value}`);
      }
      // A function makes the body afresh for each send.
      if (body !== undefined) init.body = typeof body === "function" ? body() : (branches?.[sends] ?? body);
      const response = await transport(target, init);
      if (response.status === 401 && auth !== undefined && sends === 0) {
        await response.body?.cancel().catch(() => undefined);
        auth.invalidate(tokens[0] as string);
        continue;
      }
      if (sends === 0) void branches?.[1].cancel().catch(() => undefined);
      if (response.status >= 400) {
        throw await apiErrorFrom(response, { method, url: target, tokens, replayed: sends > 0, advice, errors });
      }
      return response;
    }
  }

  async function json<T>(method: string, path: readonly string[] | URL, call: RestRequestOptions = {}): Promise<T> {
    const response = await send(method, path, call, "application/json");
    const text = await response.text();
    if (text.trim() === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      const target = response.url || url(path);
      throw errors.client(
        "invalid_response",
        `${method} ${target} answered ${response.status} with a body that is not JSON: check the base URL points at an openEHR API (…/openehr/v1).`,
        { method, url: target, cause },
      );
    }
  }

  return {
    baseUrl,
    url,
    request: (method, path, call = {}) => send(method, path, call),
    json: json as RestClient["json"],
  };
}

/** `promise`, or the signal's reason as soon as it aborts (a token source may not listen to the signal). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/** What a base URL looks like, for the messages. */
const BASE_URL_EXAMPLE = "https://<tenant>.api.prod.cadasto.io/openehr/v1";

/** The base URL checked (absolute, https or http on loopback, no credentials, query or fragment), without a trailing slash. */
function checkBaseUrl(value: unknown, errors: NonNullable<RestClientOptions["errors"]>): string {
  const invalid = (reason: string): never => {
    throw errors.client("invalid_base_url", `baseUrl ${reason}`, { field: "baseUrl" });
  };
  if (typeof value !== "string" && !(value instanceof URL)) {
    return invalid(`is missing: pass the openEHR API base URL, e.g. ${BASE_URL_EXAMPLE}.`);
  }
  const url = tryParseUrl(value) ?? invalid(`"${String(value)}" is not an absolute URL: pass e.g. ${BASE_URL_EXAMPLE}.`);
  const problem = urlProblem(url);
  if (problem !== undefined) {
    invalid(
      problem.code === "insecure"
        ? `uses http on ${url.hostname}: bearer tokens must not travel in clear text; ${SECURE_URL_RULE}.`
        : `${problem.message}: pass the API base URL only, e.g. ${BASE_URL_EXAMPLE}.`,
    );
  }
  return url.href.replace(/\/+$/, "");
}
