import type { Hooks, KyInstance, RetryOptions } from "ky";
import type { ApiErrorInit } from "./api_error.ts";
import type { RestClientErrorCode, RestClientErrorOptions } from "./rest_client_error.ts";

/**
 * Where bearer tokens come from: `clientCredentials()` of `@cadasto/auth`
 * fits (its `TokenSource`), and so does any object with these two methods
 * (a browser sign-in, a fixed token in a test). Typed structurally, so this
 * package needs no `@cadasto/auth` install.
 *
 * @example A fixed token (for a script that already has one)
 * ```ts
 * import type { BearerTokenSource } from "@cadasto/rest";
 * declare const accessToken: string;
 * const fixed: BearerTokenSource = { getToken: async () => ({ value: accessToken }), invalidate: () => undefined };
 * console.log(typeof fixed.getToken);
 * ```
 */
export interface BearerTokenSource {
  /**
   * A token valid now.
   *
   * @param options The request's signal: stop waiting when it aborts.
   * @returns The token; `value` goes into `Authorization: Bearer …`.
   */
  getToken(options?: { signal?: AbortSignal | undefined }): Promise<{ readonly value: string }>;
  /**
   * Forgets the token the API refused with a 401, so the next `getToken()` gets a new one.
   *
   * @param token The refused token's value.
   */
  invalidate(token: string): void;
}

/**
 * How a client builds its errors: the defaults are this package's classes
 * ({@linkcode ApiError}, {@linkcode ConflictError} for 409,
 * {@linkcode PreconditionFailedError} for 412, {@linkcode RestClientError});
 * a client of one API (templates, openEHR) passes its own classes so users
 * catch that package's errors. The message is built (and scrubbed) already.
 *
 * @example Templates' errors for 409
 * ```ts
 * import { ApiError, RestClientError, type RestErrorFactory } from "@cadasto/rest";
 * class MyConflict extends ApiError {}
 * const errors: RestErrorFactory = {
 *   api: (message, init) => (init.status === 409 ? new MyConflict(message, init) : new ApiError(message, init)),
 *   client: (code, message, options) => new RestClientError(code, message, options),
 * };
 * console.log(typeof errors.api);
 * ```
 */
export interface RestErrorFactory {
  /**
   * The error for a response with an error status.
   *
   * @param message What went wrong and what to do (scrubbed).
   * @param init The status, request and parsed body (scrubbed).
   * @returns The error to throw.
   */
  api(message: string, init: ApiErrorInit): Error;
  /**
   * The error for a refused option, no answer, a timeout or an unusable answer.
   *
   * @param code Why.
   * @param message What is wrong and what to do.
   * @param options The field, the request and the cause.
   * @returns The error to throw.
   */
  client(code: RestClientErrorCode, message: string, options: RestClientErrorOptions): Error;
}

/**
 * Options of {@linkcode createRestClient}: the base URL, at most one of
 * `fetch` or `ky`, an optional token source, and ky's retry, timeout and hooks.
 *
 * @example A client of the local sandbox with a longer time limit
 * ```ts
 * import type { BearerTokenSource, RestClientOptions } from "@cadasto/rest";
 * declare const auth: BearerTokenSource;
 * const options: RestClientOptions = { baseUrl: "http://127.0.0.1:8080/openehr/v1", auth, timeout: 120_000 };
 * console.log(options.baseUrl);
 * ```
 */
export interface RestClientOptions {
  /** The API base URL, e.g. `https://acme.api.prod.cadasto.io/openehr/v1`: https, or http on a loopback host only. */
  readonly baseUrl: string | URL;
  /** Bearer tokens for every request, with one replay on a 401 (see {@linkcode BearerTokenSource}). */
  readonly auth?: BearerTokenSource | undefined;
  /** The fetch to send with (default: the global `fetch`, looked up on each call); not together with `ky`. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /**
   * A ky instance of your own (its hooks, retry, timeout and fetch apply;
   * `prefixUrl` is ignored: the client passes absolute URLs). Not together with `fetch`.
   */
  readonly ky?: KyInstance | undefined;
  /**
   * ky's retry: a limit or options. Default: 2 retries of idempotent methods
   * (GET, PUT, HEAD, DELETE, OPTIONS, TRACE) on 408/413/429/500/502/503/504,
   * exponential backoff with full jitter up to 10 s, `Retry-After` honoured
   * (up to 60 s). POST and PATCH are never retried.
   */
  readonly retry?: RetryOptions | number | undefined;
  /** Time limit of each attempt in milliseconds, or `false` for none. Default 60 000. */
  readonly timeout?: number | false | undefined;
  /** ky hooks (`beforeRequest`, `afterResponse`, `beforeRetry`, `beforeError`). */
  readonly hooks?: Hooks | undefined;
  /** The error classes to build (default: this package's). */
  readonly errors?: RestErrorFactory | undefined;
  /**
   * What an error message tells the user to do about a status (the client's
   * own words, e.g. naming its scopes); `undefined` for a status it has no
   * words of its own for. Default (and for `undefined`): generic openEHR advice.
   */
  readonly advice?: ((status: number, method: string) => string | undefined) | undefined;
}

/**
 * A query: a record (`undefined` values are left out) or `URLSearchParams`.
 *
 * @example Filter a list
 * ```ts
 * import type { Query } from "@cadasto/rest";
 * const query: Query = { template_id: "Demo Vitals", offset: 0 };
 * console.log(query);
 * ```
 */
export type Query = URLSearchParams | Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Options of one {@linkcode RestClient.request}.
 *
 * @example A JSON write that asks for the stored resource back
 * ```ts
 * import { prefer, type RestRequestOptions } from "@cadasto/rest";
 * const options: RestRequestOptions = { json: { _type: "EHR_STATUS" }, headers: { prefer: prefer("representation") } };
 * console.log(options.headers);
 * ```
 */
export interface RestRequestOptions {
  /** Query parameters. */
  readonly query?: Query | undefined;
  /** Request headers (`authorization` is set by the client when it has `auth`). */
  readonly headers?: HeadersInit | undefined;
  /**
   * The body, or a function that makes it (called for each send, so a
   * stream is made afresh for the replay after a 401). A `ReadableStream`
   * given as is gets teed when `auth` is set, so the replay has it: the
   * whole body is then held in memory until the first answer arrives.
   */
  readonly body?: BodyInit | (() => BodyInit) | undefined;
  /** A JSON body (serialized with `JSON.stringify`, `content-type: application/json`); not together with `body`. */
  readonly json?: unknown;
  /** Cancels the request (and the wait for a token); it rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** This call's time limit per attempt, overriding the client's. */
  readonly timeout?: number | false | undefined;
  /**
   * This call's retries, overriding the client's: e.g. `{ methods: ["post"] }`
   * for a POST that is safe to repeat (an AQL query). Only for requests that
   * change nothing or change it the same way when repeated.
   */
  readonly retry?: RetryOptions | number | undefined;
}
