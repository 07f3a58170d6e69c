import { runInNewContext } from "node:vm";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { errorBrand } from "./error_brand.ts";

const brand = errorBrand("ExampleError", {
  legacy: [{ key: "@cadasto/example.ExampleError" }, { key: "@cadasto/example.error", value: "ExampleError" }],
});

class ExampleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExampleError";
    brand.mark(this);
  }
}

describe("errorBrand()", () => {
  it("uses the registered symbol cadasto.<ErrorName>", () => {
    expect(brand.symbol).toBe(Symbol.for("cadasto.ExampleError"));
    expect((new ExampleError("x") as unknown as Record<symbol, unknown>)[Symbol.for("cadasto.ExampleError")]).toBe(true);
  });

  it("recognises an instance, and refuses other errors and non-objects", () => {
    expect(brand.is(new ExampleError("x"))).toBe(true);
    expect(brand.is(new Error("x"))).toBe(false);
    expect(errorBrand("OtherError").is(new ExampleError("x"))).toBe(false);
    for (const value of [undefined, null, "ExampleError", 1, Symbol.for("cadasto.ExampleError")]) expect(brand.is(value)).toBe(false);
  });

  it("recognises an error made in another realm, where instanceof fails", () => {
    const foreign = runInNewContext(
      'const e = new Error("from a vm context"); Object.defineProperty(e, Symbol.for("cadasto.ExampleError"), { value: true }); e',
    );
    expect(foreign instanceof Error).toBe(false);
    expect(brand.is(foreign)).toBe(true);
  });

  it("still recognises the brands of older releases, with their values", () => {
    expect(brand.is({ [Symbol.for("@cadasto/example.ExampleError")]: true })).toBe(true);
    expect(brand.is({ [Symbol.for("@cadasto/example.error")]: "ExampleError" })).toBe(true);
    expect(brand.is({ [Symbol.for("@cadasto/example.error")]: "OtherError" })).toBe(false);
  });

  it("is invisible to JSON.stringify, Object.keys, spreads and util.inspect", () => {
    const error = new ExampleError("boom");
    expect(Object.getOwnPropertyDescriptor(error, brand.symbol)?.enumerable).toBe(false);
    expect(Object.getOwnPropertySymbols({ ...error })).toEqual([]);
    expect(JSON.stringify(error)).toBe('{"name":"ExampleError"}');
    expect(inspect(error)).not.toContain("cadasto.ExampleError");
  });

  it("sets the fields given to mark() as own enumerable properties, in their order, before the brand", () => {
    const error = new Error("boom");
    brand.mark(error, { name: "ExampleError", code: "broken", field: undefined });
    expect(brand.is(error)).toBe(true);
    expect(Object.keys(error)).toEqual(["name", "code", "field"]);
    expect(Object.getOwnPropertyDescriptor(error, "code")).toEqual({
      value: "broken",
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(JSON.stringify(error)).toBe('{"name":"ExampleError","code":"broken"}');
  });

  it("refuses a name that is not a PascalCase class name", () => {
    expect(() => errorBrand("example error")).toThrow(TypeError);
    expect(() => errorBrand("")).toThrow(TypeError);
  });
});
