// Internal: options checked before any request, each refusal naming its field.
import type { RestClientOptions, RestErrorFactory, RestRequestOptions } from "./rest_client_options.ts";

/** The largest time limit ky (and setTimeout) accepts. */
const MAX_TIMEOUT = 2_147_483_647;
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Throws the client's `invalid_option` error for `field`. */
export function refuse(errors: RestErrorFactory, field: string, message: string, cause?: unknown): never {
  throw errors.client("invalid_option", message, cause === undefined ? { field } : { field, cause });
}

/** Whether `value` is not a (non-null) object. */
const notObject = (value: unknown): boolean => typeof value !== "object" || value === null;

export function checkClientOptions(options: RestClientOptions, errors: RestErrorFactory): void {
  if (notObject(options)) refuse(errors, "options", "The client takes an options object with a baseUrl.");
  const { auth, fetch, ky, retry, timeout, hooks, advice } = options;
  if (fetch !== undefined && typeof fetch !== "function")
    refuse(errors, "fetch", "fetch must be a function with the signature of globalThis.fetch.");
  if (ky !== undefined && (typeof ky !== "function" || typeof ky.extend !== "function")) {
    refuse(errors, "ky", "ky must be a ky instance (ky.create() or ky.extend()).");
  }
  if (fetch !== undefined && ky !== undefined)
    refuse(errors, "ky", "Pass either fetch or ky, not both: the client sends with one of them.");
  if (auth !== undefined && (notObject(auth) || typeof auth.getToken !== "function" || typeof auth.invalidate !== "function")) {
    refuse(errors, "auth", "auth must be a token source with getToken() and invalidate(), e.g. clientCredentials() of @cadasto/auth.");
  }
  checkRetry(retry, errors);
  checkTimeout(timeout, errors);
  if (hooks !== undefined && notObject(hooks)) refuse(errors, "hooks", "hooks must be ky's hooks object.");
  if (advice !== undefined && typeof advice !== "function")
    refuse(errors, "advice", "advice must be a function (status, method) => string.");
}

export function checkRequestOptions(method: unknown, options: RestRequestOptions, errors: RestErrorFactory): void {
  if (typeof method !== "string" || !METHOD.test(method))
    refuse(errors, "method", `method ${JSON.stringify(method)} is not an HTTP method (GET, POST, …).`);
  if (notObject(options)) refuse(errors, "options", "options must be an object.");
  const { signal, body, json, timeout, retry } = options;
  if (signal !== undefined && (notObject(signal) || !("aborted" in signal))) {
    refuse(errors, "signal", "signal must be an AbortSignal.");
  }
  if (body !== undefined && json !== undefined) refuse(errors, "json", "Pass either body or json, not both.");
  checkTimeout(timeout, errors);
  checkRetry(retry, errors);
}

function checkRetry(retry: unknown, errors: RestErrorFactory): void {
  if (retry !== undefined && notObject(retry) && !(Number.isInteger(retry) && (retry as number) >= 0)) {
    refuse(errors, "retry", "retry must be a whole number of retries (0 for none) or ky's retry options.");
  }
}

function checkTimeout(timeout: unknown, errors: RestErrorFactory): void {
  if (timeout === undefined || timeout === false) return;
  if (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT) {
    refuse(errors, "timeout", `timeout must be a number of milliseconds (1 to ${MAX_TIMEOUT}) or false, not ${String(timeout)}.`);
  }
}
