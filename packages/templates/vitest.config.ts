import { defineConfig } from "vitest/config";

// This package's vitest project (the root config lists packages/* as projects).
export default defineConfig({
  test: {
    name: "@cadasto/templates",
    include: ["src/**/*.test.ts"],
  },
});
