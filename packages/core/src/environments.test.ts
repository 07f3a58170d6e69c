import { describe, expect, it } from "vitest";
import { CADASTO_ENVIRONMENTS, CADASTO_HOST_LABELS, isCadastoEnvironment } from "./environments.ts";

describe("the Cadasto environments", () => {
  it("are production, acceptation and development, production first, each with a host label", () => {
    expect(CADASTO_ENVIRONMENTS).toEqual(["production", "acceptation", "development"]);
    expect(CADASTO_HOST_LABELS).toEqual({ production: "prod", acceptation: "acc", development: "dev" });
    expect(Object.isFrozen(CADASTO_HOST_LABELS)).toBe(true);
  });

  it("isCadastoEnvironment() accepts exactly those names", () => {
    for (const name of CADASTO_ENVIRONMENTS) expect(isCadastoEnvironment(name)).toBe(true);
    for (const value of ["prod", "Production", "staging", "", "toString", "__proto__", undefined, 1]) {
      expect(isCadastoEnvironment(value), String(value)).toBe(false);
    }
  });
});
