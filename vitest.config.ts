import { defineConfig } from "vitest/config";

// One vitest project per package: `pnpm vitest` at the root runs them all,
// `pnpm --filter <pkg> test` runs one (turbo does that for `pnpm test`).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
