import { readdirSync, readFileSync } from "node:fs";
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

  test("the built library imports only valibot, @cadasto/core's web-standard entry and its own files (runs in browsers)", () => {
    const dist = fileURLToPath(new URL("../dist/", import.meta.url));
    const library = readdirSync(dist).filter((file) => file.endsWith(".js") && file !== "cli.js" && file !== "_cli.js");
    expect(library).toContain("mod.js");
    for (const file of library) {
      const text = readFileSync(`${dist}${file}`, "utf8");
      const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+"([^"]+)";$|\bimport\(\s*"([^"]+)"\s*\)/gm)].map(
        (m) => m[1] ?? m[2],
      );
      if (file === "mod.js") expect(specifiers).toContain("./render_email.js");
      for (const specifier of specifiers) expect(`${file}: ${specifier}`).toMatch(/: (valibot|@cadasto\/core|\.\/[\w]+\.js)$/);
      expect(text, file).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
    }
  });
});
