import { describe, expect, it } from "vitest";
import { DiscoveryError, isDiscoveryError } from "./errors.ts";

describe("DiscoveryError", () => {
  it("DiscoveryError carries code, status, url, issues and cause", () => {
    const cause = new Error("boom");
    const error = new DiscoveryError("http_error", "GET x answered 503.", { status: 503, url: "https://a.example", cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DiscoveryError");
    expect(error.code).toBe("http_error");
    expect(error.status).toBe(503);
    expect(error.url).toBe("https://a.example");
    expect(error.issues).toEqual([]);
    expect(error.cause).toBe(cause);
  });

  it("isDiscoveryError() recognises an error from another copy of the package", async () => {
    // A second instance of the module, as when two versions of the package are installed.
    const specifier = "./errors.ts?copy";
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import("./errors.ts");
    const foreign = new copy.DiscoveryError("timeout", "late");
    expect(foreign).not.toBeInstanceOf(DiscoveryError);
    expect(isDiscoveryError(foreign)).toBe(true);
    expect(copy.isDiscoveryError(new DiscoveryError("network_error", "down"))).toBe(true);
  });

  it("isDiscoveryError() recognises an error made by @cadasto/discovery 0.1 (its old brand)", () => {
    const old = Object.defineProperty(new Error("down"), Symbol.for("@cadasto/discovery.DiscoveryError"), { value: true });
    expect(isDiscoveryError(old)).toBe(true);
  });

  it('DiscoveryError is branded with the SDK\'s one scheme, Symbol.for("cadasto.DiscoveryError")', () => {
    const error = new DiscoveryError("timeout", "late") as unknown as Record<symbol, unknown>;
    expect(error[Symbol.for("cadasto.DiscoveryError")]).toBe(true);
  });

  it("isDiscoveryError() rejects other values", () => {
    expect(isDiscoveryError(new Error("x"))).toBe(false);
    expect(isDiscoveryError({ name: "DiscoveryError", code: "timeout" })).toBe(false);
    expect(isDiscoveryError(null)).toBe(false);
    expect(isDiscoveryError("DiscoveryError")).toBe(false);
  });
});
