// Markdown of the generated reference pages (see docs/reference/[page].paths.mjs).
import { escapeForVue } from "../../apps/docs/.vitepress/escape-for-vue.mjs";

/** A markdown table cell: pipes escaped, one line. */
const cell = (text) =>
  escapeForVue(
    String(text)
      .replace(/\|/g, "\\|")
      .replace(/\s*\n\s*/g, " "),
  );
/** The heading anchor of a package: `@cadasto/auth` → `cadasto-auth`. */
export const packageAnchor = (name) => name.replace(/^@/, "").replace(/\//g, "-");
/** The anchor of an error class, type or code on the errors page. */
export const errorAnchor = (...parts) => parts.join("-").toLowerCase();

function apiLink(pkg, kind, name) {
  return `/api/${pkg}/${kind}/${name}`;
}

/** The errors reference. `packages` from collectErrorCodes(). */
export function errorsPage(packages) {
  const out = [
    "# Errors reference",
    "",
    "Every error the packages throw is a class with a stable `code` (a string you can switch on),",
    "a message that says what to check, and an `is…Error()` guard that works across copies of a",
    "package and across realms. This page lists every error class and every code of every package,",
    "with what it means and what to do. It is generated from the code: each code is a member of a",
    "string-literal union, and the comment on that member is the text below.",
    "",
    "```ts",
    'import { isDiscoveryError } from "@cadasto/discovery";',
    "declare const error: unknown;",
    'if (isDiscoveryError(error) && error.code === "timeout") console.warn("try again later");',
    "```",
    "",
    "Problems with a request found before anything is sent (a malformed id, a bad option) are",
    "refused with the field named; nothing in an error ever contains a secret or a token.",
    "",
  ];
  for (const pkg of packages) {
    const classNames = new Set(pkg.classes.map((c) => c.name));
    const usedAliases = new Set(pkg.classes.map((c) => c.codeType).filter(Boolean));
    const others = pkg.unions.filter((u) => !usedAliases.has(u.name));
    out.push(`## ${pkg.name} {#${packageAnchor(pkg.name)}}`, "");
    if (pkg.classes.length === 0 && others.length === 0) out.push("This package throws no error class of its own.", "");
    for (const c of pkg.classes) {
      out.push(`### ${c.name} {#${errorAnchor(c.name)}}`, "");
      const api = `[API](${apiLink(c.module ?? pkg.name, "classes", c.name)})`;
      const base = c.base && classNames.has(c.base) ? ` Extends [${c.base}](#${errorAnchor(c.base)}).` : "";
      out.push(`${cell(c.summary)}${base} ${api}`, "");
      const subclasses = pkg.classes
        .filter((other) => other.base === c.name)
        .map((other) => `[${other.name}](#${errorAnchor(other.name)})`);
      if (c.codeType === "none") {
        out.push("It has no `code`: catch it by its class (or its `is…` guard).", "");
        continue;
      }
      if (c.codeType === "string") {
        out.push(`The base class of ${subclasses.join(", ")}: catch it to handle them all; its \`code\` is one of theirs.`, "");
        continue;
      }
      if (subclasses.length > 0) out.push(`Subclasses: ${subclasses.join(", ")}.`, "");
      if (c.codeType)
        out.push(
          `<span id="${errorAnchor(c.codeType)}"></span>\`code\` is a [${c.codeType}](${apiLink(c.module ?? pkg.name, "type-aliases", c.codeType)}):`,
          "",
        );
      out.push(...codeTable(c.name, c.codes, c.open), "");
    }
    for (const u of others) {
      out.push(`### ${u.name} {#${errorAnchor(u.name)}}`, "");
      out.push(`${cell(u.summary)} [API](${apiLink(u.module ?? pkg.name, "type-aliases", u.name)})`, "");
      out.push(...codeTable(u.name, u.codes, u.open), "");
    }
  }
  return `${out.join("\n")}\n`;
}

function codeTable(owner, codes, open) {
  const rows = ["| `code` | what it means and what to do |", "| --- | --- |"];
  for (const { code, meaning } of codes) rows.push(`| <span id="${errorAnchor(owner, code)}"></span>\`${code}\` | ${cell(meaning)} |`);
  if (open) rows.push("| any other | a code this list does not know, passed through from the server as is: read the message |");
  return rows;
}

/** The commands and environment reference. `commands` from collectCommands(). */
export function commandsPage(commands) {
  const out = [
    "# Commands and environment variables",
    "",
    "Every command the packages install, with every flag, environment variable and exit code.",
    "This page is generated from each command's own `--help` when the site is built, so it says",
    "exactly what the installed version says. Run a command without installing it with",
    "`npx <command> --help` (npm) or `pnpm dlx`; inside a project that depends on the package,",
    "`npx <command>` runs the installed one.",
    "",
  ];
  const variables = new Map();
  for (const c of commands) {
    for (const v of c.variables) {
      const entry = variables.get(v.name) ?? { name: v.name, commands: [], mentions: [] };
      entry.commands.push(c.command);
      entry.mentions.push(...v.mentions);
      variables.set(v.name, entry);
    }
  }
  out.push("## Environment variables {#environment-variables}", "");
  if (variables.size === 0) out.push("No command reads an environment variable.", "");
  else {
    out.push("| variable | read by | what `--help` says |", "| --- | --- | --- |");
    for (const v of [...variables.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const readBy = v.commands.map((name) => `[\`${name}\`](#${name})`).join(", ");
      out.push(`| <span id="${v.name.toLowerCase()}"></span>\`${v.name}\` | ${readBy} | ${cell([...new Set(v.mentions)].join(" · "))} |`);
    }
    out.push(
      "",
      "Secrets (`CADASTO_CLIENT_SECRET`) are read from the environment only, never from arguments, so they do not land in shell history.",
      "",
    );
  }
  for (const c of commands) {
    out.push(`## ${c.command} {#${c.command}}`, "");
    out.push(`From [\`${c.packageName}\`](/packages/${c.dir}). ${cell(c.summary ?? "")}`, "");
    out.push("```sh", `npx ${c.command} --help`, "```", "");
    if (c.subcommands.length > 0) {
      out.push("### Commands", "", "| command | arguments | what it does |", "| --- | --- | --- |");
      for (const s of c.subcommands)
        out.push(`| \`${s.name}\` | ${s.argument ? `\`${cell(s.argument)}\`` : ""} | ${cell(s.description)} |`);
      out.push("");
    }
    out.push("### Options", "", "| flag | argument | what it does |", "| --- | --- | --- |");
    for (const o of c.options) {
      out.push(
        `| ${o.flags.map((f) => `\`${f}\``).join(", ")} | ${o.argument ? `\`${cell(o.argument)}\`` : ""} | ${cell(o.description)}${o.section && o.section !== "Options" ? ` (${cell(o.section)})` : ""} |`,
      );
    }
    out.push("");
    if (c.variables.length > 0) {
      out.push("### Environment variables", "", c.variables.map((v) => `[\`${v.name}\`](#${v.name.toLowerCase()})`).join(", "), "");
    }
    out.push("### Exit codes", "", "| exit code | meaning |", "| --- | --- |");
    for (const e of c.exitCodes) out.push(`| ${e.code} | ${cell(e.meaning)} |`);
    out.push("", "### Full `--help`", "", "```text", c.help, "```", "");
  }
  return `${out.join("\n")}\n`;
}
