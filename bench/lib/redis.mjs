// Starts a throwaway redis-server on 127.0.0.1 for the fleet row (no persistence), and
// stops it. Finds the binary through $REDIS_SERVER_PATH or PATH (`node scripts/ensure-redis.mjs`).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** @returns {Promise<{ port: number, close(): Promise<void> }>} */
export async function startRedisProcess() {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_PATH || "redis-server";
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  await new Promise((resolve, reject) => {
    child.once("error", () => reject(new Error(`no ${bin}: install redis-server (\`node scripts/ensure-redis.mjs\`)`)));
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${log.slice(-300)}`)));
    child.stdout.on("data", (chunk) => {
      log += chunk;
      if (/Ready to accept connections/.test(log)) resolve();
    });
  });
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
