import { defineConfig } from "vitest/config";

// The docs' tests drive the BUILT site (.vitepress/dist) in Chromium: build first
// (`turbo run test` does, since test depends on build). One browser per file, and
// files one after another: the machine is small and Chromium is heavy.
export default defineConfig({
  test: {
    name: "@cadasto/docs",
    include: ["tests/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
