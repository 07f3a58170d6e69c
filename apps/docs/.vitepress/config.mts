import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type DefaultTheme, defineConfig } from "vitepress";

// VitePress root is apps/docs; the pages live in the repository's docs/ folder.
// typedoc writes the API reference (and its sidebar) into docs/api/ before the build.
const docsDir = fileURLToPath(new URL("../../../docs/", import.meta.url));

/** The sidebar typedoc-vitepress-theme wrote, or a pointer to the build step when it has not run yet. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = `${docsDir}api/typedoc-sidebar.json`;
  if (!existsSync(file)) return [{ text: "Run `pnpm --filter @cadasto/docs api` first", link: "/api/" }];
  return JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[];
}

export const packages = ["discovery", "auth", "auth-redis", "rest", "opt", "templates", "openehr", "credentials-request", "sandbox", "core"] as const;

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: "Guide",
    items: [
      { text: "Overview", link: "/guide/" },
      { text: "Quick start", link: "/guide/quick-start" },
      { text: "Discovery", link: "/guide/discovery" },
      { text: "Authentication", link: "/guide/authentication" },
      { text: "Running many instances", link: "/guide/running-many-instances" },
      { text: "Template versioning", link: "/guide/template-versioning" },
      { text: "Clinical data: EHRs, compositions and AQL", link: "/guide/clinical-data" },
      { text: "Requesting credentials", link: "/guide/requesting-credentials" },
      { text: "Testing with the sandbox", link: "/guide/testing-with-the-sandbox" },
      { text: "Security", link: "/guide/security" },
      { text: "Decisions", link: "/guide/decisions" },
      { text: "Checked examples", link: "/guide/checked-examples" },
    ],
  },
];

const packageSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: "Packages",
    items: [
      { text: "Overview", link: "/packages/" },
      ...packages.map((name) => ({
        text: `@cadasto/${name}`,
        link: `/packages/${name}`,
        collapsed: true,
        items: [{ text: "Changelog", link: `/packages/changelog/${name}` }],
      })),
    ],
  },
];

const tools: DefaultTheme.SidebarItem[] = [
  {
    text: "Tools",
    items: [
      { text: "Credentials request builder", link: "/tools/credentials-request" },
      { text: "OPT inspector", link: "/tools/opt-inspector" },
      { text: "Template version id parser", link: "/tools/template-version-id" },
    ],
  },
];

export default defineConfig({
  title: "Cadasto TypeScript SDK",
  description: "Discovery, client credentials, openEHR templates, EHRs, compositions and AQL, and credential requests for Cadasto, in small TypeScript packages.",
  lang: "en",
  srcDir: "../../docs",
  cleanUrls: true,
  lastUpdated: false,
  // Offline: nothing is loaded from another host (the default theme bundles its font).
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  markdown: { lineNumbers: false },
  // Pages live outside this folder (in docs/, which VitePress makes Vite's root), where
  // "vue" does not resolve: point it at apps/docs/node_modules/vue.
  vite: { resolve: { alias: { vue: fileURLToPath(new URL("../node_modules/vue", import.meta.url)) } } },
  themeConfig: {
    logo: "/favicon.svg",
    nav: [
      { text: "Guide", link: "/guide/quick-start", activeMatch: "^/guide/(?!clinical-data)" },
      { text: "Clinical data", link: "/guide/clinical-data", activeMatch: "^/guide/clinical-data" },
      { text: "Packages", link: "/packages/", activeMatch: "^/packages/" },
      { text: "API", link: "/api/", activeMatch: "^/api/" },
      { text: "Tools", link: "/tools/credentials-request", activeMatch: "^/tools/" },
    ],
    sidebar: {
      "/guide/": guide,
      "/packages/": packageSidebar,
      "/tools/": tools,
      "/api/": [{ text: "API reference", link: "/api/", items: apiSidebar() }],
    },
    search: { provider: "local" },
    outline: { level: [2, 3] },
    footer: { message: "MIT licensed." },
  },
});
