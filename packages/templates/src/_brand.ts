// Cross-realm brands for the error classes: `is…Error()` guards check these
// symbols (registered with Symbol.for) instead of relying on instanceof.

const BRAND: unique symbol = Symbol.for("@cadasto/templates/error");
const KIND: unique symbol = Symbol.for("@cadasto/templates/error-kind");

/**
 * Sets `error`'s fields (in this order, then `name` = `kind`) and marks it as one of
 * this package's errors of that kind. A subclass constructor calls it again after its
 * parent's, so the kind stays configurable.
 */
export function brand(error: Error, kind: string, fields?: object): void {
  Object.assign(error, fields);
  error.name = kind;
  Object.defineProperty(error, BRAND, { value: true, configurable: true });
  Object.defineProperty(error, KIND, { value: kind, configurable: true });
}

/** Whether `value` carries this package's brand with one of `kinds`. */
export function hasKind(value: unknown, kinds: readonly string[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<symbol, unknown>;
  return record[BRAND] === true && kinds.includes(String(record[KIND]));
}
