/**
 * A brand stamped on an error class's instances, so that an `is…()` guard
 * recognises them across realms (iframes, workers, `vm` contexts) and across
 * two copies of a package in one `node_modules` tree, where `instanceof`
 * fails. The brand is a registered symbol, `Symbol.for("cadasto.<ErrorName>")`,
 * set to `true` as a non-enumerable property (so `JSON.stringify`, spreads
 * and `Object.keys` never show it).
 *
 * @example Brand a class and guard it
 * ```ts
 * import { type ErrorBrand, errorBrand } from "@cadasto/core";
 * const brand: ErrorBrand = errorBrand("ExampleError");
 * class ExampleError extends Error {
 *   constructor(message: string) {
 *     super(message);
 *     this.name = "ExampleError";
 *     brand.mark(this);
 *   }
 * }
 * console.log(brand.is(new ExampleError("boom"))); // true
 * ```
 */
export interface ErrorBrand {
  /** The registered symbol, `Symbol.for("cadasto.<name>")`. */
  readonly symbol: symbol;
  /** The error class's name the brand stands for. */
  readonly name: string;
  /**
   * Stamps `error` with the brand (non-enumerable, not writable), after
   * setting its `fields` (as `Object.assign` does: own, enumerable, in their order).
   *
   * @param error The instance being constructed (`this`).
   * @param fields The fields to set first, e.g. `{ name: "ExampleError", code }`.
   */
  mark(error: object, fields?: object): void;
  /**
   * Whether `value` carries this brand (or one of the legacy brands given to
   * {@linkcode errorBrand}).
   *
   * @param value Anything, typically a caught error.
   * @returns `true` when `value` is branded.
   */
  is(value: unknown): boolean;
}

/**
 * A brand an older release used, still recognised by the guard: the
 * `Symbol.for` key and the value it was set to (`true` unless given).
 *
 * @example The brand that auth 0.1 put on an OAuthError
 * ```ts
 * import type { LegacyBrand } from "@cadasto/core";
 * const legacy: LegacyBrand = { key: "@cadasto/auth.error", value: "OAuthError" };
 * console.log(legacy.key);
 * ```
 */
export interface LegacyBrand {
  /** The key given to `Symbol.for`. */
  readonly key: string;
  /** The value the property held; default `true`. */
  readonly value?: unknown;
}

/** Options of {@linkcode errorBrand}. */
export interface ErrorBrandOptions {
  /** Brands of older releases the guard still accepts (errors from an older copy of the package). */
  readonly legacy?: readonly LegacyBrand[];
}

const NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Creates the brand of one error class: `Symbol.for("cadasto.<name>")`.
 * Every error class of the SDK uses it; a subclass marks its instances with
 * its own brand and its parent's, so `isAuthError()` also accepts an `OAuthError`.
 *
 * @param name The class name, e.g. `"DiscoveryError"` (PascalCase).
 * @param options Legacy brands to keep accepting.
 * @returns The brand, with `mark(error)` and `is(value)`.
 * @throws {TypeError} When `name` is not a PascalCase identifier (a programming error).
 *
 * @example A guard that also accepts errors from the previous release
 * ```ts
 * import { errorBrand } from "@cadasto/core";
 * const brand = errorBrand("DiscoveryError", { legacy: [{ key: "@cadasto/discovery.DiscoveryError" }] });
 * export function isDiscoveryError(value: unknown): boolean {
 *   return brand.is(value);
 * }
 * ```
 */
export function errorBrand(name: string, options: ErrorBrandOptions = {}): ErrorBrand {
  if (!NAME.test(name)) throw new TypeError(`errorBrand(): ${JSON.stringify(name)} is not a PascalCase class name.`);
  const symbol = Symbol.for(`cadasto.${name}`);
  const legacy = (options.legacy ?? []).map((entry) => ({ symbol: Symbol.for(entry.key), value: entry.value ?? true }));
  return {
    symbol,
    name,
    mark(error: object, fields?: object): void {
      Object.defineProperty(Object.assign(error, fields), symbol, { value: true, configurable: true });
    },
    is(value: unknown): boolean {
      if (typeof value !== "object" || value === null) return false;
      const record = value as Record<symbol, unknown>;
      return record[symbol] === true || legacy.some((entry) => record[entry.symbol] === entry.value);
    },
  };
}
