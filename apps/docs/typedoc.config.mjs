// typedoc configuration of the site's API reference. The entry points are every entry of
// every package's package.json "exports" (./dist/x.js → its source ./src/x.ts), found, not
// listed, so a new package or subpath export is documented without touching this file.
import { sourceEntries, workspacePackages } from "../../scripts/packages.mjs";

/**
 * The packages, each after the workspace packages it depends on: typedoc documents a name
 * re-exported by several entry points (openehr re-exports rest's errors) under the first one
 * that exports it, which must be the package that declares it.
 */
function dependenciesFirst(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg]));
  const ordered = [];
  const visit = (pkg, path = new Set()) => {
    if (ordered.includes(pkg) || path.has(pkg)) return;
    path.add(pkg);
    const { dependencies = {}, peerDependencies = {} } = pkg.manifest;
    for (const name of Object.keys({ ...dependencies, ...peerDependencies }).sort()) {
      const dependency = byName.get(name);
      if (dependency !== undefined) visit(dependency, path);
    }
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg);
  return ordered;
}

const problems = [];
const entryPoints = dependenciesFirst(workspacePackages()).flatMap((pkg) => sourceEntries(pkg, problems).map((entry) => entry.file));
if (problems.length > 0) throw new Error(`typedoc entry points:\n${problems.join("\n")}`);

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  entryPoints,
  entryPointStrategy: "resolve",
  tsconfig: "./tsconfig.typedoc.json",
  plugin: [
    "typedoc-plugin-markdown",
    "typedoc-vitepress-theme",
    "./.vitepress/typedoc-package-names.mjs",
    "./.vitepress/typedoc-api-pages.mjs",
  ],
  out: "../../docs/api",
  docsRoot: "../../docs",
  name: "API reference",
  readme: "./api-readme.md",
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  treatWarningsAsErrors: true,
  skipErrorChecking: true,
  validation: {
    notExported: true,
    invalidLink: true,
    rewrittenLink: true,
    notDocumented: true,
    unusedMergeModuleWith: true,
  },
  sidebar: {
    autoConfiguration: true,
    format: "vitepress",
    pretty: true,
    collapsed: true,
  },
  githubPages: false,
  disableSources: false,
  hideGenerator: true,
  mergeReadme: true,
  disableGit: true,
  // Without git, {path} is relative to displayBasePath (the repository root).
  sourceLinkTemplate: "https://github.com/Cadasto/openehr-sdk-ts/blob/main/{path}#L{line}",
  displayBasePath: "../..",
  indexFormat: "table",
};
