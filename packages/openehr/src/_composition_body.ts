// Internal: what a composition write sends: the media type, the
// `openehr-template-id` header (FLAT / STRUCTURED) or the template id set on a
// copy of a canonical composition, never on the caller's object.
import { formatTemplateVersionId, isTemplateIdError, parseTemplateVersionId } from "@cadasto/templates";
import type { Composition, CompositionFormat } from "./composition_format.ts";
import { invalid } from "./_invalid.ts";

export const MEDIA_TYPES: Readonly<Record<CompositionFormat, string>> = {
  canonical: "application/json",
  flat: "application/openehr.wt.flat+json",
  structured: "application/openehr.wt.structured+json",
};

/** The format option, checked. */
export function checkFormat(format: unknown, field = "options.format"): CompositionFormat {
  if (format === undefined) return "canonical";
  if (format === "canonical" || format === "flat" || format === "structured") return format;
  throw invalid(field, `${field} is ${JSON.stringify(format)}: use "canonical", "flat" or "structured".`);
}

/** A template id or `{template_id}::{uid}`, checked and normalised with @cadasto/templates' parser. */
export function checkTemplateId(value: unknown, field = "options.templateId"): string {
  try {
    if (typeof value !== "string") throw new TypeError("not a string");
    return formatTemplateVersionId(parseTemplateVersionId(value));
  } catch (error) {
    const why = isTemplateIdError(error) ? error.message : "it is not a string";
    throw invalid(field, `${field} is not a template id: ${why}`, error);
  }
}

/** The body and headers of a composition write. */
export interface CompositionBody {
  readonly body: string;
  readonly contentType: string;
  readonly templateIdHeader: string | undefined;
}

/**
 * Serialises a composition for a write. Canonical JSON gets `templateId` in
 * `archetype_details.template_id.value` (on a copy); FLAT and STRUCTURED get it
 * as the `openehr-template-id` header, which they cannot do without.
 */
export function compositionBody(composition: unknown, format: CompositionFormat, templateId: string | undefined): CompositionBody {
  if (typeof composition !== "object" || composition === null || Array.isArray(composition)) {
    throw invalid(
      "composition",
      `composition is ${composition === null ? "null" : Array.isArray(composition) ? "an array" : typeof composition}: pass the composition as a parsed JSON object.`,
    );
  }
  const contentType = MEDIA_TYPES[format];
  if (format !== "canonical") {
    if (templateId === undefined) {
      throw invalid(
        "options.templateId",
        `A ${format.toUpperCase()} composition needs options.templateId (sent as openehr-template-id): pass the template id, or {template_id}::{uid} to pin a version.`,
      );
    }
    return { body: JSON.stringify(composition), contentType, templateIdHeader: headerValue(templateId) };
  }
  const record = composition as Composition;
  if (templateId === undefined) return { body: JSON.stringify(record), contentType, templateIdHeader: undefined };
  const details = record.archetype_details;
  const archetypeDetails =
    typeof details === "object" && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
  const current = archetypeDetails.template_id;
  const templateIdObject = typeof current === "object" && current !== null && !Array.isArray(current) ? current : { _type: "TEMPLATE_ID" };
  const copy = { ...record, archetype_details: { ...archetypeDetails, template_id: { ...templateIdObject, value: templateId } } };
  return { body: JSON.stringify(copy), contentType, templateIdHeader: undefined };
}

/** Header values are Latin-1: other characters (a template id in Chinese) are percent-encoded, as the sandbox and Cadasto read them. */
function headerValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is encoded
  return value.replace(/[\u0000-\u001f\u007f%]|[^\u0000-\u00ff]+/g, (text) => encodeURIComponent(text));
}
