// Row 7's measured process: starts the page server (aql-pages-child.mjs) in another
// process, then iterates query.rows() over `rows` rows in pages of `pageSize`, sampling
// the heap after every page: as it is (`raw`, garbage included: V8 collects when it sees
// fit), or after a full collection (`live`: what the iteration keeps). Prints
// { rows, peakHeapGrowthBytes, peakAfterFirstPageBytes, ms } as JSON.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createOpenEhrClient } from "@cadasto/openehr";

const [total, pageSize] = process.argv.slice(2, 4).map(Number);
const live = process.argv[4] === "live";
const server = fork(fileURLToPath(new URL("aql-pages-child.mjs", import.meta.url)), [String(total)], {
  stdio: ["ignore", "ignore", "inherit", "ipc"],
});
const baseUrl = await new Promise((resolve) => server.once("message", (message) => resolve(message.baseUrl)));
const client = createOpenEhrClient({ baseUrl, auth: { getToken: async () => ({ value: "bench-token" }), invalidate: () => undefined } });

globalThis.gc();
const baseline = process.memoryUsage().heapUsed;
let peak = 0;
let afterFirstPage;
let peakAfterFirstPage = 0;
let count = 0;
let checksum = 0;
const started = performance.now();
for await (const row of client.query.rows(
  "SELECT c/uid/value AS uid, c/name/value AS name, c/context/start_time/value AS start, o/data[at0001]/items[at0002]/value/magnitude AS magnitude FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o",
  { pageSize },
)) {
  count++;
  checksum += row.magnitude;
  if (count % pageSize === 0) {
    if (live) globalThis.gc();
    const used = process.memoryUsage().heapUsed;
    peak = Math.max(peak, used - baseline);
    // The first page also loads and compiles the client: growth after it is what the rows add.
    afterFirstPage ??= used;
    peakAfterFirstPage = Math.max(peakAfterFirstPage, used - afterFirstPage);
  }
}
const ms = performance.now() - started;
peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
server.kill();
if (checksum !== ((total - 1) * total) / 2) throw new Error(`rows(): checksum ${checksum}: a row was lost or repeated`);
process.stdout.write(JSON.stringify({ rows: count, peakHeapGrowthBytes: peak, peakAfterFirstPageBytes: peakAfterFirstPage, ms }));
