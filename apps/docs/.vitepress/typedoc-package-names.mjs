// typedoc plugin for the site's API reference.
// 1. One program documents every packages/<dir>/src/mod.ts, and typedoc names each
//    module after its path ("auth/src/mod"). Rename each to the package name from
//    packages/<dir>/package.json ("@cadasto/auth").
// 2. VitePress compiles every page as a Vue template, so prose from JSDoc such as
//    "for <app>" or "{{ x }}" would be read as a tag or an interpolation. Escape
//    both outside code (fenced blocks and inline code spans).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Converter, ReflectionKind } from "typedoc";
import { MarkdownPageEvent } from "typedoc-plugin-markdown";

const packagesDir = fileURLToPath(new URL("../../../packages/", import.meta.url));

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const match = /^([\w-]+)\/src\/mod$/.exec(module.name);
      if (!match) continue;
      const manifest = JSON.parse(readFileSync(`${packagesDir}${match[1]}/package.json`, "utf8"));
      module.name = manifest.name;
    }
  });
  app.renderer.on(MarkdownPageEvent.END, (page) => {
    if (page.contents) page.contents = escapeForVue(page.contents);
  });
}

/**
 * Escapes `<tag` (not markdown autolinks `<https://…>`) and `{{` in prose.
 * @param {string} markdown
 * @returns {string}
 */
export function escapeForVue(markdown) {
  return markdown
    .split(/(```[\s\S]*?```)/)
    .map((part, index) => {
      if (index % 2 === 1) return part; // a fenced block: VitePress renders it with v-pre
      return part
        .split(/(`+[^`]*`+)/)
        .map((piece, i) =>
          i % 2 === 1
            ? piece.replaceAll("{{", "{{ '{{' }}")
            : piece.replace(/(?<!\\)<(?=[A-Za-z/!?])(?!https?:|mailto:)/g, "\\<").replaceAll("{{", "<span v-pre>{{</span>"),
        )
        .join("");
    })
    .join("");
}
