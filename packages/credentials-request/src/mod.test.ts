import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import * as mod from "./mod.ts";

describe("@cadasto/credentials-request", () => {
  test("exports the shared-contract names", () => {
    for (const name of [
      "CredentialsRequestSchema",
      "parseCredentialsRequest",
      "safeParseCredentialsRequest",
      "renderEmail",
      "toMarkdown",
      "toJSON",
      "toMailtoUrl",
      "toClientMetadata",
      "CredentialsRequestError",
      "isCredentialsRequestError",
    ]) {
      expect(mod).toHaveProperty(name);
    }
  });

  test("the built library imports only valibot, @cadasto/core's web-standard entry and its own chunks (runs in browsers)", () => {
    const dist = fileURLToPath(new URL("../dist/", import.meta.url));
    // dist/mod.js is one bundle; code it shares with the command (dist/cli.js) is in
    // dist/_chunks/. Walk what mod.js loads: none of it may be Node-only.
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(dist, file), "utf8");
      const specifiers = [
        ...text.matchAll(/^(?:import|export)\b[^;]*?from\s+"([^"]+)";$|^import\s+"([^"]+)";$|\bimport\(\s*"([^"]+)"\s*\)/gm),
      ].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
      for (const specifier of specifiers) {
        expect(`${file}: ${specifier}`).toMatch(/: (valibot|@cadasto\/core|\.\.?\/(_chunks\/)?[\w-]+\.js)$/);
        if (specifier.startsWith(".")) visit(join(dirname(file), specifier));
      }
      expect(text, file).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
    };
    visit("mod.js");
    expect(seen.size, "mod.js and the chunk it shares with the command").toBeGreaterThan(1);
    expect([...seen]).not.toContain("cli.js");
  });
});
