/**
 * Fault injection for client tests against real HTTP. Every hook affects the
 * requests that arrive after the call; {@linkcode SandboxFaults.reset} clears all.
 *
 * @example Make the next token request fail, then recover
 * ```ts
 * import { startSandbox } from "@cadasto/sandbox";
 * const sb = await startSandbox();
 * sb.faults.failTokenRequests(1, 503, { headers: { "retry-after": "1" } });
 * const first = await fetch(sb.tokenEndpoint, { method: "POST" });
 * console.log(first.status); // 503
 * sb.faults.reset();
 * await sb.close();
 * ```
 */
export interface SandboxFaults {
  /**
   * Answers the next `count` token requests with `status` and, by default, an
   * RFC 6749 error body (`temporarily_unavailable` for 429/503, `server_error`
   * for other 5xx, `invalid_request` for 400, `invalid_client` for 401).
   */
  failTokenRequests(count: number, status: number, init?: { body?: string; headers?: Record<string, string> }): void;
  /** Destroys the socket of the next `count` token requests (the client sees a network error). */
  resetTokenConnections(count: number): void;
  /** Delays every token request by `ms` until {@linkcode SandboxFaults.reset}. */
  delayTokenRequests(ms: number): void;
  /**
   * Answers the next `count` requests under the API base URL (templates, EHRs,
   * compositions, queries) with `status` and, by default, an openEHR error body
   * `{ message, code, errors }`; pass `headers: { "retry-after": "1" }` to test
   * a client's retries. Counted in `stats` like any other request.
   */
  failApiRequests(count: number, status: number, init?: { body?: string; headers?: Record<string, string> }): void;
  /** Delays every API request by `ms` until {@linkcode SandboxFaults.reset}. */
  delayApi(ms: number): void;
  /** Clears every fault and lets delayed requests go on at once. */
  reset(): void;
}
