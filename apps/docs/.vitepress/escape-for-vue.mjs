// VitePress compiles every markdown page as a Vue template, so generated prose
// (JSDoc through typedoc, CHANGELOG.md files) that says "for <app>" or "{{ x }}"
// would be read as a tag or an interpolation. This escapes both outside code.

/**
 * Escapes `<tag` (not markdown autolinks such as `<https://…>`) and `{{` in
 * markdown prose; fenced code blocks are left alone (VitePress renders them with v-pre).
 * @param {string} markdown
 * @returns {string}
 */
export function escapeForVue(markdown) {
  return markdown
    .split(/(```[\s\S]*?```)/)
    .map((part, index) => {
      if (index % 2 === 1) return part;
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
