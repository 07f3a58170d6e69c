// Keeps a client secret out of JSON.stringify and util.inspect of the objects that carry it.

const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const REDACTED = "[redacted]";

function redactedCopy(value: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== "toJSON") copy[key] = key === "clientSecret" ? REDACTED : item;
  }
  return copy;
}

/**
 * Adds `toJSON` and a `util.inspect` hook that show `clientSecret` as
 * "[redacted]". Both use `this`, so a spread copy (`{ ...value }`) stays redacted.
 */
export function redactSecret<T extends { clientSecret?: unknown }>(value: T): T {
  return Object.assign(value, {
    toJSON(this: object) {
      return redactedCopy(this);
    },
    [INSPECT](this: object) {
      return redactedCopy(this);
    },
  });
}
