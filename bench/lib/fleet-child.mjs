// One process of the fleet row: its own token source (Redis store or its own memory store)
// calling getToken() every few ms for a while, as a service's request handlers would.
import { clientCredentials } from "@cadasto/auth";
import { redisTokenStore } from "@cadasto/auth-redis";
import { createClient } from "redis";

const config = JSON.parse(process.argv[2]);
let redis;
let store;
if (config.redisPort) {
  redis = createClient({ url: `redis://127.0.0.1:${config.redisPort}`, disableOfflineQueue: true });
  redis.on("error", () => undefined);
  await redis.connect();
  store = redisTokenStore(redis, { encryptionKey: config.encryptionKey, prefix: config.prefix });
}
const source = clientCredentials({ ...config.client, store, refreshMargin: config.refreshMargin });
await source.getToken();
process.send({ ready: true });
process.once("message", async () => {
  const end = Date.now() + config.spanMs;
  let calls = 0;
  while (Date.now() < end) {
    await Promise.all(Array.from({ length: 10 }, () => source.getToken()));
    calls += 10;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await redis?.quit();
  process.send({ calls });
  process.exit(0);
});
