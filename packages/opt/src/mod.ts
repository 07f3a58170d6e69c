/**
 * Reads openEHR ADL 1.4 operational templates (OPT): one conformant XML parse
 * (saxes) that checks the whole file is well-formed and returns its identity
 * (root `template_id`, `concept`, root archetype id, `uid`, language), from a
 * string, bytes, a `Blob` or a stream, in linear time and bounded memory.
 * `@cadasto/templates` re-exports it; the sandbox reads uploads with it.
 *
 * @example Read a file's identity
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { readOptMetadata } from "@cadasto/opt";
 * const { templateId, archetypeId } = await readOptMetadata(await readFile("Demo_Vitals.opt"));
 * console.log(templateId, archetypeId);
 * ```
 *
 * @module
 */

export { isOptError, OptError, type OptErrorCode } from "./errors.ts";
export { OPT_LIMITS, type OptMetadata, type OptSource, type ReadOptOptions, readOptMetadata } from "./read_opt_metadata.ts";
