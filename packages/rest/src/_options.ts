// Internal: options checked before any request, each refusal naming its field.
import type { RestClientOptions, RestErrorFactory, RestRequestOptions } from "./rest_client_options.ts";

/** The largest time limit ky (and setTimeout) accepts. */
const MAX_TIMEOUT = 2_147_483_647;
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function checkClientOptions(options: RestClientOptions, errors: RestErrorFactory): void {
  const refuse = (field: string, message: string): never => {
    throw errors.client("invalid_option", message, { field });
  };
  if (typeof options !== "object" || options === null) refuse("options", "The client takes an options object with a baseUrl.");
  const { auth, fetch, ky, retry, timeout, hooks, advice } = options;
  if (fetch !== undefined && typeof fetch !== "function")
    refuse("fetch", "fetch must be a function with the signature of globalThis.fetch.");
  if (ky !== undefined && (typeof ky !== "function" || typeof ky.extend !== "function")) {
    refuse("ky", "ky must be a ky instance (ky.create() or ky.extend()).");
  }
  if (fetch !== undefined && ky !== undefined) refuse("ky", "Pass either fetch or ky, not both: the client sends with one of them.");
  if (
    auth !== undefined &&
    (typeof auth !== "object" || auth === null || typeof auth.getToken !== "function" || typeof auth.invalidate !== "function")
  ) {
    refuse("auth", "auth must be a token source with getToken() and invalidate(), e.g. clientCredentials() of @cadasto/auth.");
  }
  checkRetry(retry, errors);
  checkTimeout(timeout, errors);
  if (hooks !== undefined && (typeof hooks !== "object" || hooks === null)) refuse("hooks", "hooks must be ky's hooks object.");
  if (advice !== undefined && typeof advice !== "function") refuse("advice", "advice must be a function (status, method) => string.");
}

export function checkRequestOptions(method: unknown, options: RestRequestOptions, errors: RestErrorFactory): void {
  const refuse = (field: string, message: string): never => {
    throw errors.client("invalid_option", message, { field });
  };
  if (typeof method !== "string" || !METHOD.test(method))
    refuse("method", `method ${JSON.stringify(method)} is not an HTTP method (GET, POST, …).`);
  if (typeof options !== "object" || options === null) refuse("options", "options must be an object.");
  const { signal, body, json, timeout, retry } = options;
  if (signal !== undefined && !(typeof signal === "object" && signal !== null && "aborted" in signal)) {
    refuse("signal", "signal must be an AbortSignal.");
  }
  if (body !== undefined && json !== undefined) refuse("json", "Pass either body or json, not both.");
  checkTimeout(timeout, errors);
  checkRetry(retry, errors);
}

function checkRetry(retry: unknown, errors: RestErrorFactory): void {
  if (retry === undefined || (typeof retry === "object" && retry !== null) || (Number.isInteger(retry) && (retry as number) >= 0)) return;
  throw errors.client("invalid_option", "retry must be a whole number of retries (0 for none) or ky's retry options.", { field: "retry" });
}

function checkTimeout(timeout: unknown, errors: RestErrorFactory): void {
  if (timeout === undefined || timeout === false) return;
  if (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT) {
    throw errors.client(
      "invalid_option",
      `timeout must be a number of milliseconds (1 to ${MAX_TIMEOUT}) or false, not ${String(timeout)}.`,
      {
        field: "timeout",
      },
    );
  }
}
