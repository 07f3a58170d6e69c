// Row 5 child process: reads one OPT one way and reports time and memory as JSON.
// Usage: node --expose-gc lib/opt-worker.mjs <mode> <file>
//   mode: metadata-bytes | metadata-stream | fast-xml-parser
import { openAsBlob } from "node:fs";
import { readFile } from "node:fs/promises";

const [mode, file] = process.argv.slice(2);
const WARM_RUNS = 5;

async function load() {
  if (mode === "fast-xml-parser") {
    const { XMLParser } = await import("fast-xml-parser");
    const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });
    const bytes = await readFile(file);
    // A full parse, then the same four facts readOptMetadata returns.
    return async () => {
      const doc = parser.parse(bytes);
      const template = doc.template;
      return {
        templateId: template.template_id.value,
        concept: template.concept,
        archetypeId: template.definition.archetype_id.value,
        uid: template.uid?.value,
      };
    };
  }
  const { readOptMetadata } = await import("@cadasto/templates");
  if (mode === "metadata-bytes") {
    const bytes = await readFile(file);
    return () => readOptMetadata(bytes);
  }
  if (mode === "metadata-stream") return async () => readOptMetadata(await openAsBlob(file));
  throw new Error(`unknown mode ${mode}`);
}

const run = await load();
globalThis.gc?.();
const rssBefore = process.resourceUsage().maxRSS * 1024;
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
const result = await run();
const firstMs = performance.now() - t0;
const rssPeak = process.resourceUsage().maxRSS * 1024;
const heapAfter = process.memoryUsage().heapUsed;

const warm = [];
for (let i = 0; i < WARM_RUNS; i++) {
  t0 = performance.now();
  await run();
  warm.push(performance.now() - t0);
}
warm.sort((a, b) => a - b);

process.stdout.write(
  JSON.stringify({
    mode,
    templateId: result.templateId,
    firstMs,
    warmMs: warm[warm.length >> 1],
    peakRssBytes: rssPeak,
    peakRssGrowthBytes: rssPeak - rssBefore,
    heapGrowthBytes: heapAfter - heapBefore,
  }),
);
