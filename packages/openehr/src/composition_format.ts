/**
 * The formats a composition is sent and read in: `canonical` (openEHR
 * canonical JSON, `application/json`, the default), `flat` and `structured`
 * (the web template formats, `application/openehr.wt.flat+json` and
 * `application/openehr.wt.structured+json`, which need a template id). The
 * SDK passes each through as JSON; it does not convert between them.
 *
 * @example Pick the format from a file name
 * ```ts
 * import type { CompositionFormat } from "@cadasto/openehr";
 * declare const file: string;
 * const format: CompositionFormat = file.endsWith(".flat.json") ? "flat" : "canonical";
 * console.log(format);
 * ```
 */
export type CompositionFormat = "canonical" | "flat" | "structured";

/**
 * A composition as JSON: canonical JSON (an object with `_type: "COMPOSITION"`,
 * `archetype_details`, …) or a FLAT / STRUCTURED document.
 *
 * @example A canonical composition's template id
 * ```ts
 * import type { Composition } from "@cadasto/openehr";
 * declare const composition: Composition;
 * console.log((composition.archetype_details as { template_id?: { value?: string } } | undefined)?.template_id?.value);
 * ```
 */
export type Composition = Record<string, unknown>;
