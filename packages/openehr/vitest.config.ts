import { defineConfig } from "vitest/config";

// This package's vitest project (the root config lists packages/* as projects).
// The integration tests run real HTTP against the sandbox, spawn the built
// command and drive Chromium; on a loaded 2-core machine they need more than
// the 5 s default.
export default defineConfig({
  test: {
    name: "@cadasto/openehr",
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
