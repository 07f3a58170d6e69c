import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { isOptError, OptError } from "./errors.ts";

describe("isOptError()", () => {
  it('recognises an OptError by the SDK\'s brand, Symbol.for("cadasto.OptError"), from another realm too', () => {
    const error = new OptError("not_xml", "broken", { line: 1, column: 2 }) as unknown as Record<symbol, unknown>;
    expect(error[Symbol.for("cadasto.OptError")]).toBe(true);
    expect(isOptError(error)).toBe(true);
    const foreign = runInNewContext(
      'const e = new Error("x"); Object.defineProperty(e, Symbol.for("cadasto.OptError"), { value: true }); e',
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isOptError(foreign)).toBe(true);
  });
  it("recognises an OptError of @cadasto/templates 0.1 (its old brand), and nothing else", () => {
    const old = Object.defineProperty(new Error("x"), Symbol.for("@cadasto/templates/error-kind"), { value: "OptError" });
    expect(isOptError(old)).toBe(true);
    const otherKind = Object.defineProperty(new Error("x"), Symbol.for("@cadasto/templates/error-kind"), { value: "TemplateIdError" });
    expect(isOptError(otherKind)).toBe(false);
    expect(isOptError(new Error("OptError"))).toBe(false);
    expect(isOptError({ name: "OptError", code: "not_xml" })).toBe(false);
  });
  it("keeps its fields and name, with the brand out of JSON", () => {
    const error = new OptError("too_large", "big", { line: 3, column: 4 });
    expect(error).toMatchObject({ name: "OptError", code: "too_large", line: 3, column: 4, message: "big" });
    expect(Object.keys(error)).not.toContain("cadasto.OptError");
    expect(JSON.stringify(error)).toBe('{"code":"too_large","line":3,"column":4,"name":"OptError"}');
  });
});
