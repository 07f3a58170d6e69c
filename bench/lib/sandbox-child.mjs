// Runs @cadasto/sandbox in its own process so the server's work does not share the
// measured client's event loop. Talks to the parent over IPC:
//   → { ready: { authBaseUrl, apiBaseUrl, tokenEndpoint, clientId, clientSecret } }
//   ← { id, op: "stats" | "fault" | "close", name?, args? }  → { id, result }
import { startSandbox } from "@cadasto/sandbox";

const options = JSON.parse(process.argv[2] ?? "{}");
const sandbox = await startSandbox(options);
const { authBaseUrl, apiBaseUrl, tokenEndpoint, clientId, clientSecret } = sandbox;

process.on("message", async ({ id, op, name, args }) => {
  try {
    let result;
    if (op === "stats") result = { tokenRequests: sandbox.stats.tokenRequests, apiRequests: sandbox.stats.apiRequests };
    else if (op === "fault") result = sandbox.faults[name](...(args ?? []));
    else if (op === "close") {
      await sandbox.close();
      process.send({ id, result: null }, () => process.exit(0));
      return;
    }
    process.send({ id, result: result ?? null });
  } catch (error) {
    process.send({ id, error: String(error?.message ?? error) });
  }
});
process.on("disconnect", () => sandbox.close().finally(() => process.exit(0)));
process.send({ ready: { authBaseUrl, apiBaseUrl, tokenEndpoint, clientId, clientSecret } });
