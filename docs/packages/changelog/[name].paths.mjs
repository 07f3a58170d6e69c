// One changelog page per package (/packages/changelog/<dir>), rendered at build time from
// packages/<dir>/CHANGELOG.md, which changesets writes on release.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { escapeForVue } from "../../../apps/docs/.vitepress/escape-for-vue.mjs";

const packagesDir = fileURLToPath(new URL("../../../packages/", import.meta.url));

export default {
  watch: ["../../../packages/*/CHANGELOG.md", "../../../packages/*/package.json"],
  paths() {
    return readdirSync(packagesDir)
      .filter((dir) => existsSync(`${packagesDir}${dir}/package.json`))
      .map((dir) => {
        const manifest = JSON.parse(readFileSync(`${packagesDir}${dir}/package.json`, "utf8"));
        const file = `${packagesDir}${dir}/CHANGELOG.md`;
        const log = existsSync(file) ? readFileSync(file, "utf8").replace(/^# .*\n/, "") : "";
        const body = log.trim()
          ? escapeForVue(log) // changesets writes "## 0.2.0", then "### Minor Changes" and one item per change
          : `No releases yet. The current version in the repository is ${manifest.version}; this page lists each release once [changesets](https://github.com/changesets/changesets) publishes one.`;
        return {
          params: { name: dir, packageName: manifest.name },
          content: `# ${manifest.name} changelog\n\n[About the package](/packages/${dir}) · [API reference](/api/${manifest.name}/)\n\n${body}\n`,
        };
      });
  },
};
