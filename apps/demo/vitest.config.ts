import { defineConfig } from "vitest/config";

// The demo's vitest project (the root config lists apps/* as projects). The
// quick start now also commits and queries clinical data, and startSandbox()
// in the hooks needs more than the 10 s default on a loaded 2-core machine.
export default defineConfig({
  test: {
    name: "@cadasto/demo",
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
