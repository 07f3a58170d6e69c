// Internal: redaction helpers shared by tokens, token sources and errors.

/** The key Node's `util.inspect` (and Deno's Node compatibility) looks up. */
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Makes `util.inspect` (and console.log in Node) show `render(this)` for
 * instances of `type`, which only ever renders redacted fields.
 */
export function inspectAs<T>(type: { prototype: T }, render: (self: T) => string): void {
  Object.defineProperty(type.prototype, INSPECT, {
    value(this: T): string {
      return render(this);
    },
  });
}

/** What replaces a secret or a token wherever one could otherwise show. */
export const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of each (non-empty) secret in `text`.
 * Used on texts we do not write ourselves (server descriptions), so that a
 * server echoing a secret cannot push it into an error message.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
