// Whether the packages a row needs are built and export what it uses.

/**
 * Imports each specifier and checks the named exports.
 * @param {Record<string, string[]>} needs specifier → export names
 * @returns {Promise<string | undefined>} why the row cannot run, or undefined when it can
 */
export async function missingExports(needs) {
  const missing = [];
  for (const [specifier, names] of Object.entries(needs)) {
    let ns;
    try {
      ns = await import(specifier);
    } catch (error) {
      missing.push(`${specifier} does not load (${error.message.split("\n")[0]})`);
      continue;
    }
    const absent = names.filter((name) => typeof ns[name] !== "function");
    if (absent.length > 0) missing.push(`${specifier} does not export ${absent.join(", ")} yet`);
  }
  return missing.length > 0 ? `not measured: ${missing.join("; ")}` : undefined;
}
