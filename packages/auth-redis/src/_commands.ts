// Internal: raw Redis commands through either standard client, so the store needs
// neither as a dependency and works across their versions.

/** Sends one command (`["SET", key, value, …]`) and resolves with the raw reply. */
export type Send = (args: readonly string[]) => Promise<unknown>;

/** A `send` for `client`, or `undefined` when it is neither shape. */
export function sender(client: unknown): Send | undefined {
  if (typeof client !== "object" || client === null) return undefined;
  const c = client as Record<string, unknown>;
  // ioredis first: it has a sendCommand too, taking a Command object rather than an array.
  if (typeof c.call === "function") {
    const call = c.call as (command: string, ...args: string[]) => Promise<unknown>;
    return (args) => call.call(client, args[0] as string, ...args.slice(1));
  }
  if (typeof c.sendCommand === "function") {
    const send = c.sendCommand as (args: string[]) => Promise<unknown>;
    return (args) => send.call(client, [...args]);
  }
  return undefined;
}

/** Deletes `KEYS[1]` when its value starts with `ARGV[1]` (compare-and-delete, atomic). */
export const DELETE_IF_PREFIX =
  "local v = redis.call('GET', KEYS[1]) if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** The value of `KEYS[1]` and its remaining time in ms (`PTTL`), in one round trip. */
export const GET_WITH_TTL = "return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}";
