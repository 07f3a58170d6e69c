// Whether the packages a row needs are built and export what it uses, and retries while
// another engineer's build has their dist/ half written (this tree is shared).

/**
 * Imports each specifier and checks the named exports.
 * @param {Record<string, string[]>} needs specifier → export names
 * @returns {Promise<string | undefined>} why the row cannot run, or undefined when it can
 */
export async function missingExports(needs) {
  const missing = [];
  for (const [specifier, names] of Object.entries(needs)) {
    const loaded = await retryWhileRebuildingAsync(async () => {
      try {
        return { ns: await import(specifier) };
      } catch (error) {
        return { error: `${error.code ?? ""} ${error.message.split("\n")[0]}` };
      }
    });
    if (loaded.error) {
      missing.push(`${specifier} does not load (${loaded.error.trim()})`);
      continue;
    }
    const ns = loaded.ns;
    const absent = names.filter((name) => typeof ns[name] !== "function");
    if (absent.length > 0) missing.push(`${specifier} does not export ${absent.join(", ")} yet`);
  }
  return missing.length > 0 ? `not measured: ${missing.join("; ")}` : undefined;
}

// In CI nothing rebuilds beside us: a missing module is final there.
const ATTEMPTS = process.env.CI ? 0 : 6;
const REBUILDING = /ERR_MODULE_NOT_FOUND|exports nothing yet|does not provide an export|Could not resolve|ENOENT/;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The async twin of {@link retryWhileRebuilding}. */
export async function retryWhileRebuildingAsync(sample) {
  let result = await sample();
  for (let attempt = 0; attempt < ATTEMPTS && result.error && REBUILDING.test(result.error); attempt++) {
    process.stderr.write(`bench: a package is being rebuilt (${result.error.slice(0, 120)}); retrying in 10 s\n`);
    await sleep(10_000);
    result = await sample();
  }
  return result;
}

/**
 * Runs a synchronous sample; while it fails because a package's dist/ is being rebuilt (other
 * work in the same tree), waits and tries again, up to about a minute.
 * @template {{ error?: string }} T
 * @param {() => T} sample
 * @returns {T}
 */
export function retryWhileRebuilding(sample) {
  let result = sample();
  for (let attempt = 0; attempt < ATTEMPTS && result.error && REBUILDING.test(result.error); attempt++) {
    process.stderr.write(`bench: a package is being rebuilt (${result.error.slice(0, 120)}); retrying in 10 s\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
    result = sample();
  }
  return result;
}
