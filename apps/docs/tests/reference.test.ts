// The generated reference pages against their sources: the commands page says what each
// command's own --help says (every flag, variable, exit code) and each command's "Docs:"
// line leads to its section; the errors page has every class and code with its meaning;
// the errors generator refuses an undocumented code; each API member has one Throws list.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { collectCommands, SITE_URL } from "../../../scripts/reference/commands.mjs";
import { collectErrorCodes } from "../../../scripts/reference/error_codes.mjs";
import { distDir, fileFor, repoRoot } from "./_site.ts";

const text = (file: string): string =>
  readFileSync(file, "utf8")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("the commands reference", () => {
  const { commands, problems } = collectCommands();
  const html = readFileSync(join(distDir, "reference/commands.html"), "utf8");
  const page = text(join(distDir, "reference/commands.html"));

  test("finds every command of every package, each following the help conventions", () => {
    expect(problems).toEqual([]);
    expect(commands.length).toBeGreaterThan(0);
  });

  test.each(commands.map((c) => [c.command, c] as const))(
    "%s: every flag, variable and exit code of its --help is on the page",
    (_name, command) => {
      expect(html).toContain(`id="${command.command}"`);
      for (const flag of command.flags) expect(page, flag).toContain(flag);
      for (const variable of command.variables) expect(page, variable.name).toContain(variable.name);
      for (const exit of command.exitCodes) expect(page).toContain(`${exit.code} | ${exit.meaning}`.replace(" | ", ""));
      expect(page).toContain(command.help.split("\n")[0]);
    },
  );

  test.each(commands.map((c) => [c.command, c] as const))("%s: its Docs: line points at its section of the site", (_name, command) => {
    expect(command.docs?.startsWith(SITE_URL)).toBe(true);
    const url = new URL(command.docs ?? "");
    const file = fileFor(`/${url.pathname.slice(new URL(SITE_URL).pathname.length)}`);
    expect(file, command.docs).toBeDefined();
    expect(readFileSync(file ?? "", "utf8")).toContain(`id="${url.hash.slice(1)}"`);
  });
});

describe("the errors reference", () => {
  const { packages, problems } = collectErrorCodes();
  const page = text(join(distDir, "reference/errors.html"));

  test("every code of every package has a documented meaning", () => {
    expect(problems).toEqual([]);
    expect(packages.some((p) => p.classes.length > 0)).toBe(true);
  });

  test("lists every error class and every code with its meaning", () => {
    for (const pkg of packages) {
      expect(page).toContain(pkg.name);
      for (const c of [...pkg.classes, ...pkg.unions]) {
        expect(page, c.name).toContain(c.name);
        for (const { code, meaning } of c.codes) {
          expect(page, `${c.name} ${code}`).toContain(code);
          expect(page, `${c.name} ${code}`).toContain(meaning.replace(/`/g, "").slice(0, 40));
        }
      }
    }
  });

  test("the generator fails, naming the place, for a code without a meaning or a code typed string", () => {
    const dir = mkdtempSync(join(tmpdir(), "error-codes-"));
    try {
      mkdirSync(join(dir, "src"));
      writeFileSync(
        join(dir, "src/mod.ts"),
        [
          "export type ExampleErrorCode =",
          "  /** Documented: do this. */",
          '  | "documented"',
          '  | "undocumented";',
          "export class ExampleError extends Error {",
          '  readonly code: ExampleErrorCode = "documented";',
          "}",
          "export class LooseError extends Error {",
          '  readonly code: string = "x";',
          "}",
        ].join("\n"),
      );
      const result = collectErrorCodes([
        { dir: "example", name: "@example/pkg", entries: [{ specifier: "@example/pkg", file: join(dir, "src/mod.ts") }] },
      ]);
      expect(result.problems.some((p: string) => p.includes('code "undocumented"') && p.includes("mod.ts:4"))).toBe(true);
      expect(result.problems.some((p: string) => p.includes("LooseError.code is typed `string`"))).toBe(true);
      expect(result.problems.some((p: string) => p.includes('"documented"'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the API reference", () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md")) files.push(path);
    }
  };
  walk(join(repoRoot, "docs/api"));

  test("each member has one Throws section, whose items name an error class (a link for the SDK's own)", () => {
    const problems: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, "utf8").split("\n");
      let inMember = false;
      let seen = false;
      lines.forEach((line, index) => {
        const heading = /^(#+) (.*)$/.exec(line);
        if (!heading) return;
        if (/^Throws$/.test(heading[2] ?? "")) {
          if (inMember && seen) problems.push(`${file.slice(repoRoot.length)}:${index + 1}: a second Throws heading`);
          seen = true;
          inMember = true;
          const next = lines.slice(index + 1).find((l) => l.trim() !== "") ?? "";
          // A class of the SDK is a link; a built-in one (TypeError) is named in code.
          if (!/^- (\[`\w+`\]\(|`(TypeError|RangeError|Error|DOMException)`)/.test(next)) {
            problems.push(`${file.slice(repoRoot.length)}:${index + 2}: a Throws item without an error class: ${next}`);
          }
        } else if (
          !/^(Parameters|Returns|Example|Examples|Type Parameters|Remarks|See)$/.test(heading[2] ?? "") &&
          !/^#{5,}/.test(heading[1] ?? "")
        ) {
          inMember = true;
          seen = false;
        }
      });
    }
    expect(problems).toEqual([]);
  });

  test("every API page ends with links to its package's guides, errors and changelog", () => {
    const pages = files.filter((f) => /docs\/api\/@[^/]+\/[^/]+\//.test(f));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) expect(readFileSync(file, "utf8"), file).toMatch(/\*\*Errors:\*\* \[.*\]\(\/reference\/errors#[\w-]+\)/);
  });
});
