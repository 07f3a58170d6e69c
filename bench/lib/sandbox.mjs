// Starts the sandbox in a child process (see sandbox-child.mjs) and wraps its IPC.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const childPath = fileURLToPath(new URL("sandbox-child.mjs", import.meta.url));

/**
 * @param {object} options startSandbox options (JSON-serialisable)
 * @returns {Promise<{ authBaseUrl: string, apiBaseUrl: string, tokenEndpoint: string, clientId: string, clientSecret: string,
 *   stats(): Promise<{ tokenRequests: number, apiRequests: number }>, fault(name: string, ...args: unknown[]): Promise<void>, close(): Promise<void> }>}
 */
export function startSandboxProcess(options = {}) {
  const child = fork(childPath, [JSON.stringify(options)], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const pending = new Map();
  let nextId = 1;
  const call = (message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, ...message });
    });
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      const reason = stderr.split("\n").find((line) => /Error/.test(line)) ?? stderr.trim().slice(0, 300);
      reject(new Error(`sandbox process exited (${code}): ${reason.trim()}`));
      for (const p of pending.values()) p.reject(new Error("sandbox process exited"));
    });
    child.on("message", (message) => {
      if (message.ready) {
        resolve({
          ...message.ready,
          stats: () => call({ op: "stats" }),
          fault: (name, ...args) => call({ op: "fault", name, args }),
          close: () => call({ op: "close" }),
        });
        return;
      }
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error));
      else p?.resolve(message.result);
    });
  });
}

/** A `clientCredentials()` token source for the sandbox's generated client, with both scopes. */
export function sandboxTokens(clientCredentials, sb) {
  return clientCredentials({
    tokenEndpoint: sb.tokenEndpoint,
    clientId: sb.clientId,
    clientSecret: sb.clientSecret,
    audience: sb.apiBaseUrl,
    scope: ["api.read", "api.write"],
  });
}
