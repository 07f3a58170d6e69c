// Load shapes shared by rows 1 and 2.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `calls` calls of `fn(i)` with at most `concurrency` in flight. With `spanMs`, call i
 * does not start before `start + i * spanMs / calls` (spread evenly over the span).
 * @returns {Promise<number>} elapsed milliseconds
 */
export async function runCalls({ calls, concurrency, spanMs = 0 }, fn) {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const i = next++;
      if (spanMs > 0) {
        const wait = start + (i * spanMs) / calls - performance.now();
        if (wait > 1) await sleep(wait);
      }
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  return performance.now() - start;
}

/** Fails loudly on a non-2xx answer, after reading the body (as a real caller would). */
export async function readOk(response, what) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${body.slice(0, 200)}`);
  return body;
}
