import { defineConfig } from "vitest/config";

// The demo's vitest project (the root config lists apps/* as projects).
export default defineConfig({
  test: {
    name: "@cadasto/demo",
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
