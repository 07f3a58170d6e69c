import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxFaults } from "./faults.ts";

interface Failure {
  readonly status: number;
  readonly body: string | undefined;
  readonly headers: Record<string, string>;
}

function defaultError(status: number): string {
  if (status === 429 || status === 503) return "temporarily_unavailable";
  if (status === 401) return "invalid_client";
  if (status >= 500) return "server_error";
  return "invalid_request";
}

function checkStatus(status: number): void {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new RangeError(`status must be an HTTP status code (100-599), got ${status}`);
  }
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** The state behind {@linkcode SandboxFaults}, plus the server-side hooks that apply it. */
export class FaultState {
  #failures: Failure[] = [];
  #apiFailures: Failure[] = [];
  #resets = 0;
  #tokenDelay = 0;
  #apiDelay = 0;
  readonly #waiting = new Set<() => void>();

  /** Waits `ms`, or less when reset() is called meanwhile. */
  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiting.add(done);
    });
  }

  /** The public face handed to users. */
  readonly api: SandboxFaults = {
    failTokenRequests: (count, status, init) => {
      checkCount("count", count);
      checkStatus(status);
      const failure = { status, body: init?.body, headers: { ...init?.headers } };
      for (let i = 0; i < count; i++) this.#failures.push(failure);
    },
    resetTokenConnections: (count) => {
      checkCount("count", count);
      this.#resets += count;
    },
    delayTokenRequests: (ms) => {
      checkCount("ms", ms);
      this.#tokenDelay = ms;
    },
    failApiRequests: (count, status, init) => {
      checkCount("count", count);
      checkStatus(status);
      const failure = { status, body: init?.body, headers: { ...init?.headers } };
      for (let i = 0; i < count; i++) this.#apiFailures.push(failure);
    },
    delayApi: (ms) => {
      checkCount("ms", ms);
      this.#apiDelay = ms;
    },
    reset: () => {
      this.#failures = [];
      this.#apiFailures = [];
      this.#resets = 0;
      this.#tokenDelay = 0;
      this.#apiDelay = 0;
      for (const release of [...this.#waiting]) release();
    },
  };

  /** Applies token faults; returns true when the request was answered (or dropped) here. */
  async applyToToken(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    await this.#sleep(this.#tokenDelay);
    // A client that gave up during the delay must not use up a fault meant for a later request.
    if (req.socket.destroyed || req.destroyed) return true;
    if (this.#resets > 0) {
      this.#resets--;
      req.socket.destroy();
      return true;
    }
    const failure = this.#failures.shift();
    if (failure === undefined) return false;
    req.resume();
    const body = failure.body ?? JSON.stringify({ error: defaultError(failure.status), error_description: "injected by sandbox.faults" });
    const isJson = failure.body === undefined;
    res.writeHead(failure.status, {
      "cache-control": "no-store",
      ...(isJson ? { "content-type": "application/json; charset=utf-8" } : {}),
      ...failure.headers,
    });
    res.end(body);
    return true;
  }

  /** Applies the API delay, then an API failure; returns true when the request was answered here. */
  async applyToApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    await this.#sleep(this.#apiDelay);
    const failure = this.#apiFailures.shift();
    if (failure === undefined) return false;
    req.resume();
    const code = failure.status === 503 || failure.status === 429 ? "temporarily_unavailable" : "injected_failure";
    const body = failure.body ?? JSON.stringify({ message: `injected by sandbox.faults (${failure.status})`, code, errors: [] });
    res.writeHead(failure.status, {
      ...(failure.body === undefined ? { "content-type": "application/json; charset=utf-8" } : {}),
      ...failure.headers,
    });
    res.end(body);
    return true;
  }
}
