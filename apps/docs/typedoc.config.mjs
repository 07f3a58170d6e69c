// typedoc configuration of the site's API reference. The entry points are every entry of
// every package's package.json "exports" (./dist/x.js → its source ./src/x.ts), found, not
// listed, so a new package or subpath export is documented without touching this file.
import { sourceEntries, workspacePackages } from "../../scripts/packages.mjs";

const problems = [];
const entryPoints = workspacePackages().flatMap((pkg) => sourceEntries(pkg, problems).map((entry) => entry.file));
if (problems.length > 0) throw new Error(`typedoc entry points:\n${problems.join("\n")}`);

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  entryPoints,
  "entryPointStrategy": "resolve",
  "tsconfig": "./tsconfig.typedoc.json",
  "plugin": [
    "typedoc-plugin-markdown",
    "typedoc-vitepress-theme",
    "./.vitepress/typedoc-package-names.mjs",
    "./.vitepress/typedoc-api-pages.mjs"
  ],
  "out": "../../docs/api",
  "docsRoot": "../../docs",
  "name": "API reference",
  "readme": "./api-readme.md",
  "excludePrivate": true,
  "excludeInternal": true,
  "excludeExternals": true,
  "treatWarningsAsErrors": true,
  "skipErrorChecking": true,
  "validation": {
    "notExported": true,
    "invalidLink": true,
    "rewrittenLink": true,
    "notDocumented": true,
    "unusedMergeModuleWith": true
  },
  "sidebar": {
    "autoConfiguration": true,
    "format": "vitepress",
    "pretty": true,
    "collapsed": true
  },
  "githubPages": false,
  "disableSources": false,
  "hideGenerator": true,
  "mergeReadme": true,
  "disableGit": true,
  // Without git, {path} is relative to displayBasePath (the repository root).
  "sourceLinkTemplate": "https://github.com/Cadasto/openehr-sdk-ts/blob/main/{path}#L{line}",
  "displayBasePath": "../..",
  "indexFormat": "table"
};
