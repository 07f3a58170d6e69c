// typedoc plugin for the site's API reference.
// 1. One program documents every entry point of every package (packages/<dir>/src/…),
//    and typedoc names each module after its path ("auth/src/mod"). Rename each to the
//    name users import ("@cadasto/auth", "@cadasto/core/cli" for a subpath export).
// 2. Escape JSDoc prose that Vue would misread (see escape-for-vue.mjs).
import { relative } from "node:path";
import { Converter, ReflectionKind } from "typedoc";
import { MarkdownPageEvent } from "typedoc-plugin-markdown";
import { sourceEntries, workspacePackages } from "../../../scripts/packages.mjs";
import { escapeForVue } from "./escape-for-vue.mjs";

/** "auth/src/mod" → "@cadasto/auth", "core/src/cli/mod" → "@cadasto/core/cli": every entry point's specifier. */
function specifiersByModuleName() {
  const names = new Map();
  for (const pkg of workspacePackages()) {
    for (const entry of sourceEntries(pkg)) {
      names.set(`${pkg.dir}/${relative(pkg.path, entry.file).replace(/\\/g, "/").replace(/\.ts$/, "")}`, entry.specifier);
    }
  }
  return names;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const names = specifiersByModuleName();
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const name = names.get(module.name.replace(/^packages\//, ""));
      if (name !== undefined) module.name = name;
    }
  });
  app.renderer.on(MarkdownPageEvent.END, (page) => {
    if (page.contents) page.contents = escapeForVue(page.contents);
  });
}
