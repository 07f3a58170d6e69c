import { SECURE_URL_RULE, tryParseUrl, urlProblem } from "@cadasto/core";
import { isTimeoutError } from "ky";
import { apiErrorFrom, defaultAdvice, defaultErrors } from "./_api_error.ts";
import { encodeSegment, segmentProblem } from "./_path.ts";
import { createTransport, DEFAULT_TIMEOUT } from "./_transport.ts";
import type { Query, RestClientOptions, RestRequestOptions } from "./rest_client_options.ts";
import { checkClientOptions, checkRequestOptions } from "./_options.ts";

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
  const { auth } = options;
  const advice = options.advice ?? defaultAdvice;
  const transport = createTransport(options);
  const invalid = (field: string, message: string): Error => errors.client("invalid_option", message, { field });

  function url(path: readonly string[] | URL, query?: Query): string {
    let href: string;
    if (path instanceof URL) {
      if (path.origin !== new URL(baseUrl).origin || !`${path.pathname}/`.startsWith(`${new URL(baseUrl).pathname}/`)) {
        throw invalid("path", `path ${path.href} is not under the base URL ${baseUrl}: the client sends its token nowhere else.`);
      }
      href = `${path.origin}${path.pathname}${path.search}`;
    } else {
      if (!Array.isArray(path)) throw invalid("path", "path must be an array of segments or a URL.");
      const encoded = path.map((segment, index) => {
        const problem = segmentProblem(segment);
        if (problem !== undefined) throw invalid("path", `path segment ${index} ${problem}.`);
        return encodeSegment(segment);
      });
      href = encoded.length === 0 ? baseUrl : `${baseUrl}/${encoded.join("/")}`;
    }
    if (query === undefined) return href;
    const params = query instanceof URLSearchParams ? query : new URLSearchParams();
    if (!(query instanceof URLSearchParams)) {
      for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    }
    const search = params.toString();
    return search === "" ? href : `${href}${href.includes("?") ? "&" : "?"}${search}`;
  }

  async function request(method: string, path: readonly string[] | URL, requestOptions: RestRequestOptions = {}): Promise<Response> {
    checkRequestOptions(method, requestOptions, errors);
    const target = url(path, requestOptions.query);
    const { signal } = requestOptions;
    let headers: Headers;
    try {
      headers = new Headers(requestOptions.headers);
    } catch (cause) {
      throw errors.client("invalid_option", `headers cannot be sent: ${(cause as Error).message}.`, { field: "headers", cause });
    }
    signal?.throwIfAborted();
    const bodies = bodySource(requestOptions.body, auth !== undefined);
    const tokens: string[] = [];
    const timeout = requestOptions.timeout;
    const attempt = async (): Promise<Response> => {
      const sendHeaders = new Headers(headers);
      if (auth !== undefined) {
        const token = await untilAborted(auth.getToken({ signal }), signal);
        tokens.push(token.value);
        sendHeaders.set("authorization", `Bearer ${token.value}`);
      }
      try {
        return await transport(target, {
          method,
          headers: sendHeaders,
          body: bodies.next(),
          json: requestOptions.json,
          signal,
          timeout,
          retry: requestOptions.retry,
        });
      } catch (error) {
        throw noAnswer(error, method, target, signal, timeout);
      }
    };
    let response = await attempt();
    let replayed = false;
    if (response.status === 401 && auth !== undefined) {
      await response.body?.cancel().catch(() => undefined);
      auth.invalidate(tokens[0] as string);
      replayed = true;
      response = await attempt();
    }
    bodies.done();
    if (response.status >= 400) {
      throw await apiErrorFrom(response, { method, url: target, tokens, replayed, advice, errors });
    }
    return response;
  }

  async function json<T>(method: string, path: readonly string[] | URL, requestOptions: RestRequestOptions = {}): Promise<T> {
    const headers = new Headers(requestOptions.headers);
    if (!headers.has("accept")) headers.set("accept", "application/json");
    const response = await request(method, path, { ...requestOptions, headers });
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

  /** The typed error for a send that got no response (aborts and other errors pass through). */
  function noAnswer(
    error: unknown,
    method: string,
    target: string,
    signal: AbortSignal | undefined,
    timeout: number | false | undefined,
  ): unknown {
    if (signal?.aborted) return signal.reason;
    if (isTimeoutError(error)) {
      const ms = timeout ?? options.timeout ?? (options.ky === undefined ? DEFAULT_TIMEOUT : undefined);
      const limit = ms === undefined || ms === false ? "the ky instance's timeout" : `${ms} ms`;
      return errors.client(
        "timeout",
        `${method} ${target} got no answer within ${limit}: retry later, or give a longer timeout if the server is just slow.`,
        { method, url: target, cause: error },
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
      `${method} ${target} got no answer (${reason}): check the network and that the base URL is reachable.`,
      { method, url: target, cause: error },
    );
  }

  return { baseUrl, url, request, json: json as RestClient["json"] };
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

/** Bodies for the first send and the one replay after a 401. */
function bodySource(body: RestRequestOptions["body"], replayable: boolean): { next(): BodyInit | undefined; done(): void } {
  if (typeof body === "function") return { next: body, done: () => undefined };
  if (replayable && body instanceof ReadableStream) {
    // A one-shot stream is teed: the second branch buffers what the first sends, for the replay.
    const branches = body.tee();
    let sent = 0;
    return {
      next: () => branches[sent++],
      done: () => {
        if (sent < 2) void branches[1].cancel().catch(() => undefined);
      },
    };
  }
  return { next: () => body, done: () => undefined };
}

/** The base URL checked (absolute, https or http on loopback, no credentials, query or fragment), without a trailing slash. */
function checkBaseUrl(value: unknown, errors: NonNullable<RestClientOptions["errors"]>): string {
  const refuse = (reason: string): never => {
    throw errors.client("invalid_base_url", `baseUrl ${reason}`, { field: "baseUrl" });
  };
  if (typeof value !== "string" && !(value instanceof URL)) {
    return refuse("is missing: pass the openEHR API base URL, e.g. https://<tenant>.api.prod.cadasto.io/openehr/v1.");
  }
  const url = tryParseUrl(value);
  if (url === undefined) {
    return refuse(`"${String(value)}" is not an absolute URL: pass e.g. https://<tenant>.api.prod.cadasto.io/openehr/v1.`);
  }
  const problem = urlProblem(url);
  if (problem !== undefined) {
    return refuse(
      problem.code === "insecure"
        ? `uses http on ${url.hostname}: bearer tokens must not travel in clear text; ${SECURE_URL_RULE}.`
        : `${problem.message}: pass the API base URL only, e.g. https://<tenant>.api.prod.cadasto.io/openehr/v1.`,
    );
  }
  return url.href.replace(/\/+$/, "");
}
