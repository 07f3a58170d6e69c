// Cross-realm brand for OptError: `isOptError()` checks this symbol (registered
// with Symbol.for) instead of relying on instanceof.

const KIND: unique symbol = Symbol.for("@cadasto/opt/error-kind");

/** Sets `error`'s fields, its `name` (= `kind`) and the brand. */
export function brand(error: Error, kind: string, fields?: object): void {
  Object.assign(error, fields);
  error.name = kind;
  Object.defineProperty(error, KIND, { value: kind, configurable: true });
}

/** Whether `value` carries this package's brand with `kind`. */
export function hasKind(value: unknown, kind: string): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[KIND] === kind;
}
