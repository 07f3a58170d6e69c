import { defineConfig } from "vitest/config";

// This package's vitest project (the root config lists packages/* as projects).
// The tests run real HTTP against servers on 127.0.0.1; timeouts are hang
// guards for a loaded 2-core CI machine, not speed checks. --expose-gc lets
// the abort test force the garbage collection that loses a Request's signal.
export default defineConfig({
  test: {
    name: "@cadasto/rest",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    execArgv: ["--expose-gc"],
  },
});
