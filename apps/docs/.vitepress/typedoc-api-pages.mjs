// typedoc plugin: what every API page of the site gets, for every package alike.
// 1. One "Throws" section per member: its `@throws {ErrorClass} text` tags become one tag
//    whose content lists each error class as a link, then the text.
// 2. A footer on every page of a package: the guides that use the package (the guide
//    pages under docs/guide/ that name it, most mentions first), its errors on the
//    errors reference (the class's own section for an error class or code type), and
//    the changelog.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Comment, Converter, ReflectionKind } from "typedoc";
import { MarkdownPageEvent } from "typedoc-plugin-markdown";

const docsDir = fileURLToPath(new URL("../../../docs/", import.meta.url));

/** The guide pages: `{ link, title, text }`. */
function guides() {
  return readdirSync(`${docsDir}guide`)
    .filter((name) => name.endsWith(".md"))
    .map((name) => {
      const text = readFileSync(`${docsDir}guide/${name}`, "utf8");
      const title = /^# (.+)$/m.exec(text)?.[1]?.trim() ?? name;
      return { link: `/guide/${name === "index.md" ? "" : name.replace(/\.md$/, "")}`, title, text };
    });
}

/** The guides that name a package, most mentions first (at most three). */
function guidesFor(packageName, all) {
  const pattern = new RegExp(packageName.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "g");
  return all
    .map((guide) => ({ ...guide, count: guide.text.match(pattern)?.length ?? 0 }))
    .filter((guide) => guide.count > 0 && guide.link !== "/guide/checked-examples")
    .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title))
    .slice(0, 3);
}

/** The module (package) a reflection belongs to. */
function moduleOf(reflection) {
  let current = reflection;
  while (current && current.kind !== ReflectionKind.Module) current = current.parent;
  return current;
}

function isErrorClass(reflection) {
  const seen = new Set();
  let type = reflection.extendedTypes?.[0];
  while (type && !seen.has(type)) {
    seen.add(type);
    if (type.name === "Error") return true;
    type = type.reflection?.extendedTypes?.[0];
  }
  return false;
}

const sourceCache = new Map();

/** The `{Type}` of each `@throws` in the JSDoc comment that ends right before a source line. */
function throwsTypesAt(source) {
  if (!source?.fullFileName) return [];
  let lines = sourceCache.get(source.fullFileName);
  if (!lines) {
    lines = readFileSync(source.fullFileName, "utf8").split("\n");
    sourceCache.set(source.fullFileName, lines);
  }
  let end = source.line - 2;
  while (end >= 0 && !lines[end].includes("*/")) end--;
  let start = end;
  while (start >= 0 && !lines[start].includes("/**")) start--;
  if (start < 0) return [];
  const text = lines.slice(start, end + 1).join("\n");
  return [...text.matchAll(/@throws\s+\{([^}]+)\}/g)].map((match) => match[1].trim());
}

/** Whether a type is a string literal or a union of them (an open one may add `string & {}`). */
function isStringCodeUnion(type) {
  const members = type?.type === "union" ? type.types : [type];
  return (
    members.some((t) => t?.type === "literal" && typeof t.value === "string") &&
    members.every((t) => (t?.type === "literal" && typeof t.value === "string") || t?.type === "intersection")
  );
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const classes = context.project.getReflectionsByKind(ReflectionKind.Class);
    const byName = (name, near) =>
      classes.find((c) => c.name === name && moduleOf(c) === moduleOf(near)) ?? classes.find((c) => c.name === name);
    const done = new Set();
    for (const reflection of Object.values(context.project.reflections)) {
      const owners = [reflection, ...(reflection.signatures ?? [])].filter((r) => r.comment);
      for (const owner of owners) {
        const comment = owner.comment;
        if (done.has(comment)) continue;
        done.add(comment);
        const throws = comment.blockTags.filter((tag) => tag.tag === "@throws");
        if (throws.length === 0) continue;
        // typedoc drops the {Type} of @throws in TypeScript: read it from the source comment.
        const names = throwsTypesAt(owner.sources?.[0] ?? reflection.sources?.[0]);
        const content = [];
        throws.forEach((tag, index) => {
          const name = names.length === throws.length ? names[index] : undefined;
          const target = name ? byName(name, reflection) : undefined;
          content.push({ kind: "text", text: index === 0 ? "- " : "\n- " });
          if (target) content.push({ kind: "inline-tag", tag: "@linkcode", text: name, target });
          else if (name) content.push({ kind: "code", text: `\`${name}\`` });
          if (Comment.combineDisplayParts(tag.content).trim() === "") return;
          if (name) content.push({ kind: "text", text: ": " });
          for (const part of tag.content) {
            content.push(part.kind === "text" ? { ...part, text: part.text.replace(/\s*\n\s*/g, " ") } : part);
          }
        });
        if (names.length !== throws.length) {
          app.logger.warn(
            `${reflection.getFullName()}: write each @throws as "@throws {ErrorClass} when…" (found ${names.length} types for ${throws.length} tags)`,
          );
        }
        const first = comment.blockTags.indexOf(throws[0]);
        comment.blockTags = comment.blockTags.filter((tag) => tag.tag !== "@throws");
        const merged = throws[0].clone();
        merged.content = content;
        delete merged.typeAnnotation;
        comment.blockTags.splice(first, 0, merged);
      }
    }
  });

  let allGuides;
  app.renderer.on(MarkdownPageEvent.END, (page) => {
    const module = moduleOf(page.model);
    if (!page.contents || !module) return;
    allGuides ??= guides();
    // A subpath entry ("@cadasto/core/cli") belongs to its package ("@cadasto/core").
    const packageName = module.name
      .split("/")
      .slice(0, module.name.startsWith("@") ? 2 : 1)
      .join("/");
    const anchor = packageName.replace(/^@/, "").replace(/\//g, "-");
    const model = page.model;
    const own =
      (model.kind === ReflectionKind.Class && isErrorClass(model)) ||
      (model.kind === ReflectionKind.TypeAlias && /Code$/.test(model.name) && isStringCodeUnion(model.type))
        ? model.name.toLowerCase()
        : anchor;
    const guideLinks = guidesFor(packageName, allGuides).map((g) => `[${g.title}](${g.link})`);
    const dir = packageName.split("/").pop();
    const parts = [
      guideLinks.length > 0 ? `**Guides:** ${guideLinks.join(" · ")}` : undefined,
      `**Errors:** [${own === anchor ? `every error of ${packageName}` : `${model.name} in the errors reference`}](/reference/errors#${own})`,
      `**Changelog:** [${packageName}](/packages/changelog/${dir})`,
    ].filter(Boolean);
    page.contents = `${page.contents.trimEnd()}\n\n---\n\n${parts.join(" · ")}\n`;
  });
}
