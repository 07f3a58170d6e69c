// typedoc plugin for the site's API reference.
// 1. One program documents every packages/<dir>/src/mod.ts, and typedoc names each
//    module after its path ("auth/src/mod"). Rename each to the package name from
//    packages/<dir>/package.json ("@cadasto/auth").
// 2. Escape JSDoc prose that Vue would misread (see escape-for-vue.mjs).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Converter, ReflectionKind } from "typedoc";
import { MarkdownPageEvent } from "typedoc-plugin-markdown";
import { escapeForVue } from "./escape-for-vue.mjs";

const packagesDir = fileURLToPath(new URL("../../../packages/", import.meta.url));

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const match = /^(?:packages\/)?([\w-]+)\/src\/mod$/.exec(module.name);
      if (!match) continue;
      const manifest = JSON.parse(readFileSync(`${packagesDir}${match[1]}/package.json`, "utf8"));
      module.name = manifest.name;
    }
  });
  app.renderer.on(MarkdownPageEvent.END, (page) => {
    if (page.contents) page.contents = escapeForVue(page.contents);
  });
}
