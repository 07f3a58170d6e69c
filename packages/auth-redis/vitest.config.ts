import { defineConfig } from "vitest/config";

// This package's vitest project (the root config lists packages/* as projects).
// Timeouts are hang guards, not speed checks (speed lives in the benchmark): real
// HTTP, real token lifetimes and property runs need more than 5 s on a loaded
// 2-core CI machine running every package's tests at once.
export default defineConfig({
  test: {
    name: "@cadasto/auth-redis",
    include: ["src/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
