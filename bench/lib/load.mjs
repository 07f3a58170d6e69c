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

/**
 * Times `sides` against each other (rows 2 and 6): `warmup` calls each, then `rounds`
 * rounds of `calls` calls per side, the sides taking turns every `chunk` calls (A B, B A, …)
 * so a noisy neighbour hits both alike. Each side is `{ id, label, call }`.
 * @returns {Promise<Array<{ id: string, label: string, samplesMs: number[], ratio: number, roundRatios: number[] }>>}
 *   per side: each round's total time, and the ratio of its time over all rounds to `baseline`'s
 */
export async function runAlternating({ sides, baseline, rounds, calls, chunk, concurrency, warmup }) {
  for (const side of sides) await runCalls({ calls: warmup, concurrency }, side.call);
  const times = new Map(sides.map((s) => [s.id, []]));
  for (let round = 0; round < rounds; round++) {
    const total = new Map(sides.map((s) => [s.id, 0]));
    for (let turn = 0; turn < calls / chunk; turn++) {
      const order = turn % 2 ? [...sides].reverse() : sides;
      for (const side of order) total.set(side.id, total.get(side.id) + (await runCalls({ calls: chunk, concurrency }, side.call)));
    }
    for (const side of sides) times.get(side.id).push(total.get(side.id));
  }
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  const base = times.get(baseline);
  return sides.map((side) => ({
    id: side.id,
    label: side.label,
    samplesMs: times.get(side.id),
    ratio: sum(times.get(side.id)) / sum(base),
    roundRatios: times.get(side.id).map((t, i) => t / base[i]),
  }));
}
