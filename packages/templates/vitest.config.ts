import { defineConfig } from "vitest/config";

// This package's vitest project (the root config lists packages/* as projects).
// The integration tests run real HTTP against the sandbox and spawn the built
// command; on a loaded 2-core CI machine they need more than the 5 s default.
// --expose-gc lets the abort test force the garbage collection that used to
// lose an upload's abort.
export default defineConfig({
  test: {
    name: "@cadasto/templates",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    execArgv: ["--expose-gc"],
  },
});
