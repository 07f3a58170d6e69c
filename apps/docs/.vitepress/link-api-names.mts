// A markdown-it plugin: in the guides and package pages, an inline code span that is
// exactly the name of something a package exports (`DiscoveryError`, `discover()`,
// `TemplatesClient.upload`) becomes a link to its API page. The index is read from the
// pages typedoc wrote (docs/api/<package>/<kind>/<Name>.md), so every package's names
// are covered without a list; a name two packages export is left alone.
import { existsSync, readdirSync } from "node:fs";
import type { MarkdownRenderer as MarkdownIt } from "vitepress";

type Token = ReturnType<MarkdownIt["parseInline"]>[number];

/** Name → URL of its API page, from docs/api. */
export function apiNameIndex(apiDir: string): Map<string, string> {
  const found = new Map<string, string | null>();
  const scopes = existsSync(apiDir) ? readdirSync(apiDir).filter((name) => name.startsWith("@")) : [];
  for (const scope of scopes) {
    for (const pkg of readdirSync(`${apiDir}${scope}`)) {
      const base = `${apiDir}${scope}/${pkg}`;
      for (const kind of ["classes", "interfaces", "functions", "type-aliases", "variables"]) {
        if (!existsSync(`${base}/${kind}`)) continue;
        for (const file of readdirSync(`${base}/${kind}`)) {
          const name = file.replace(/\.md$/, "");
          const url = `/api/${scope}/${pkg}/${kind}/${name}`;
          found.set(name, found.has(name) && found.get(name) !== url ? null : url);
        }
      }
    }
  }
  return new Map([...found].filter((entry): entry is [string, string] => entry[1] !== null));
}

/** The API URL for a code span's text, if it names an export: `Name`, `name()`, `Name.member`, `Name.member()`. */
function urlFor(text: string, index: Map<string, string>): string | undefined {
  const match = /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?(?:\(\))?$/.exec(text);
  if (!match) return undefined;
  const url = index.get(match[1]);
  if (!url) return undefined;
  return match[2] ? `${url}#${match[2].toLowerCase()}` : url;
}

/** Installs the rule; `pages` says which pages (by relative path) get links. */
export function linkApiNames(md: MarkdownIt, index: Map<string, string>, pages: (relativePath: string) => boolean): void {
  md.core.ruler.push("link_api_names", (state) => {
    const relativePath = (state.env as { relativePath?: string }).relativePath ?? "";
    if (!pages(relativePath) || index.size === 0) return;
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      const children: Token[] = [];
      let inLink = 0;
      for (const token of block.children) {
        if (token.type === "link_open") inLink++;
        if (token.type === "link_close") inLink--;
        const url = token.type === "code_inline" && inLink === 0 ? urlFor(token.content, index) : undefined;
        if (url === undefined) {
          children.push(token);
          continue;
        }
        const open = new state.Token("link_open", "a", 1);
        open.attrs = [["href", url]];
        const close = new state.Token("link_close", "a", -1);
        children.push(open, token, close);
      }
      block.children = children;
    }
  });
}
