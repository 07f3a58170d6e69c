// Internal: what a composition commit must carry: a known template version,
// a matching root archetype, a supported format. Shared by the composition
// and contribution endpoints.
import type { IncomingMessage } from "node:http";
import { HttpFailure, headerPairs, mediaType, UUID } from "./_clinical_http.ts";
import type { TemplateStore } from "./_store.ts";
import { type Audit, CHANGE_TYPES, type Json, type JsonObject, LIFECYCLES } from "./_versions.ts";

export const FORMATS = {
  "application/json": "canonical",
  "application/openehr.wt.flat+json": "flat",
  "application/openehr.wt.structured+json": "structured",
} as const;
export type Format = (typeof FORMATS)[keyof typeof FORMATS];
/** The media type a stored format is served as. */
export const MEDIA_TYPES: Record<Format, string> = {
  canonical: "application/json",
  flat: "application/openehr.wt.flat+json",
  structured: "application/openehr.wt.structured+json",
};

/** A resolved template version. */
export interface PinnedTemplate {
  /** `{template_id}::{uid}`. */
  readonly fullId: string;
  readonly archetypeId: string | undefined;
}

/** Resolves a plain template id (the latest version now) or a full `{template_id}::{uid}`; 422 naming it when unknown. */
export function pinTemplate(store: TemplateStore, id: string, where = ""): PinnedTemplate {
  const cut = id.lastIndexOf("::");
  const suffix = cut > 0 ? id.slice(cut + 2) : "";
  const pinned = UUID.test(suffix);
  const version = pinned ? store.find(id.slice(0, cut), suffix.toLowerCase()) : store.find(id);
  if (version === undefined) {
    const what = pinned ? `template version ${JSON.stringify(id)}` : `template ${JSON.stringify(id)}`;
    throw new HttpFailure(
      422,
      "unknown_template",
      `${where}the composition names the ${what}, which is not uploaded: upload its OPT first, or list the templates for their ids`,
      [id],
    );
  }
  return { fullId: `${version.templateId}::${version.uid}`, archetypeId: version.archetypeId };
}

/** The request body's format from its Content-Type; 415 for anything else. */
export function formatOf(req: IncomingMessage): Format {
  const type = mediaType(req);
  const format = (FORMATS as Record<string, Format>)[type === "" ? "application/json" : type];
  if (format === undefined) {
    throw new HttpFailure(415, "unsupported_media_type", `send compositions as ${Object.keys(FORMATS).join(", ")}; not ${type}`);
  }
  return format;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a composition and returns its template version and a builder of the
 * stored body: canonical JSON gets the version uid and the full template id;
 * FLAT / STRUCTURED are stored as given.
 */
export function checkComposition(
  store: TemplateStore,
  value: unknown,
  format: Format,
  headerTemplateId: string | undefined,
  where = "",
): { template: PinnedTemplate; body: (uid: string) => JsonObject } {
  if (!isObject(value)) throw new HttpFailure(400, "invalid_composition", `${where}the body must be a JSON object (a composition)`);
  if (format !== "canonical") {
    if (headerTemplateId === undefined) {
      throw new HttpFailure(
        400,
        "missing_template_id",
        `${where}a ${format.toUpperCase()} composition needs the openehr-template-id header`,
      );
    }
    const template = pinTemplate(store, headerTemplateId, where);
    return { template, body: () => value };
  }
  if (value._type !== undefined && value._type !== "COMPOSITION") {
    throw new HttpFailure(400, "invalid_composition", `${where}_type must be COMPOSITION, got ${JSON.stringify(value._type)}`, ["_type"]);
  }
  const details = isObject(value.archetype_details) ? value.archetype_details : undefined;
  const bodyTemplate = isObject(details?.template_id) ? details.template_id.value : undefined;
  const id = headerTemplateId ?? (typeof bodyTemplate === "string" ? bodyTemplate : undefined);
  if (id === undefined || id === "") {
    throw new HttpFailure(
      400,
      "missing_template_id",
      `${where}the composition has no archetype_details.template_id.value (and no openehr-template-id header)`,
      ["archetype_details.template_id.value"],
    );
  }
  const template = pinTemplate(store, id, where);
  if (template.archetypeId !== undefined && value.archetype_node_id !== template.archetypeId) {
    throw new HttpFailure(
      422,
      "archetype_mismatch",
      `${where}the composition's archetype_node_id ${JSON.stringify(value.archetype_node_id ?? null)} is not the root archetype ${template.archetypeId} of template ${template.fullId}`,
      ["archetype_node_id"],
    );
  }
  return {
    template,
    body: (uid) => {
      const copy = structuredClone(value);
      copy.uid = { _type: "OBJECT_VERSION_ID", value: uid };
      const archetypeDetails = (isObject(copy.archetype_details) ? copy.archetype_details : {}) as JsonObject;
      archetypeDetails.template_id = {
        ...(isObject(archetypeDetails.template_id) ? archetypeDetails.template_id : { _type: "TEMPLATE_ID" }),
        value: template.fullId,
      };
      copy.archetype_details = archetypeDetails;
      return copy;
    },
  };
}

/** The audit from `openehr-audit-details`, with a default committer. */
export function auditFrom(req: IncomingMessage, changeType: string): Audit {
  const pairs = headerPairs(req.headers["openehr-audit-details"]);
  const description = pairs["description.value"];
  return {
    committer: pairs["committer.name"] ?? "sandbox client",
    changeType: pairs["change_type.code_string"] ?? changeType,
    ...(description === undefined ? {} : { description }),
  };
}

/** The lifecycle state from `openehr-version` (default 532, complete); 400 for an unknown code. */
export function lifecycleFrom(req: IncomingMessage): string {
  const code = headerPairs(req.headers["openehr-version"])["lifecycle_state.code_string"] ?? "532";
  if (LIFECYCLES[code] === undefined || code === "523") {
    throw new HttpFailure(400, "invalid_header", `openehr-version lifecycle_state.code_string must be 532 or 553, got ${code}`);
  }
  return code;
}

/** The audit of a contribution version (`commit_audit`) or the contribution itself (`audit`). */
export function auditOf(value: Json | undefined, fallbackChange: string): Audit {
  const audit = isObject(value) ? value : {};
  const committer = isObject(audit.committer) && typeof audit.committer.name === "string" ? audit.committer.name : "sandbox client";
  const change =
    isObject(audit.change_type) && isObject(audit.change_type.defining_code) ? audit.change_type.defining_code.code_string : undefined;
  const description = isObject(audit.description) && typeof audit.description.value === "string" ? audit.description.value : undefined;
  const changeType = typeof change === "string" ? change : fallbackChange;
  if (CHANGE_TYPES[changeType] === undefined) {
    throw new HttpFailure(
      400,
      "invalid_contribution",
      `change_type ${changeType} is not one this sandbox knows (${Object.keys(CHANGE_TYPES).join(", ")})`,
    );
  }
  return { committer, changeType, ...(description === undefined ? {} : { description }) };
}
