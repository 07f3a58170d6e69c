import { REDACTED } from "./scrubber.ts";

/**
 * The key Node's `util.inspect` (and Deno's and Bun's Node compatibility)
 * looks up for a custom rendering; a registered symbol, so no import of
 * `node:util` is needed.
 *
 * @example Give an object a custom rendering
 * ```ts
 * import { INSPECT_CUSTOM } from "@cadasto/core";
 * const value = { [INSPECT_CUSTOM]: () => "a value" };
 * console.log(typeof value[INSPECT_CUSTOM]);
 * ```
 */
export const INSPECT_CUSTOM: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/**
 * Makes `util.inspect` (and `console.log` in Node) show `render(instance)` for
 * every instance of `type`. The render function must show only safe fields.
 *
 * @param type A class.
 * @param render What an instance looks like in a log.
 *
 * @example An access token class that never prints its value
 * ```ts
 * import { inspectAs } from "@cadasto/core";
 * class Token {
 *   constructor(readonly value: string, readonly expiresAt: number) {}
 * }
 * inspectAs(Token, (token) => `Token { expiresAt: ${token.expiresAt} }`);
 * ```
 */
export function inspectAs<T>(type: { prototype: T }, render: (self: T) => string): void {
  Object.defineProperty(type.prototype, INSPECT_CUSTOM, {
    configurable: true,
    value(this: T): string {
      return render(this);
    },
  });
}

function redactedCopy(value: object, fields: ReadonlySet<string>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== "toJSON") copy[key] = fields.has(key) ? REDACTED : item;
  }
  return copy;
}

/**
 * Adds `toJSON` and a `util.inspect` hook to `value` that show each of
 * `fields` as {@linkcode REDACTED}. Both read `this`, so a spread copy
 * (`{ ...value }`) stays redacted. The fields themselves keep their values.
 *
 * @param value An object that carries a secret, e.g. options.
 * @param fields The keys to hide.
 * @returns `value` itself.
 *
 * @example Options that can be logged
 * ```ts
 * import { redactFields } from "@cadasto/core";
 * const options = redactFields({ clientId: "my-service", clientSecret: "s3cr3t" }, ["clientSecret"]);
 * console.log(JSON.stringify(options)); // {"clientId":"my-service","clientSecret":"[redacted]"}
 * ```
 */
export function redactFields<T extends object>(value: T, fields: readonly (keyof T & string)[]): T {
  const hidden: ReadonlySet<string> = new Set(fields);
  return Object.assign(value, {
    toJSON(this: object) {
      return redactedCopy(this, hidden);
    },
    [INSPECT_CUSTOM](this: object) {
      return redactedCopy(this, hidden);
    },
  });
}
