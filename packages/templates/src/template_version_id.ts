import { isUuid } from "@cadasto/core";
import { TemplateIdError } from "./errors.ts";

/**
 * A template id with an optional version: `{template_id}` or `{template_id}::{uid}`.
 *
 * @example Pin a version
 * ```ts
 * import { formatTemplateVersionId, type TemplateVersionId } from "@cadasto/templates";
 * const pinned: TemplateVersionId = { templateId: "Demo Vitals", uid: "0c05260d-421a-402e-bc65-dc8e3cc529a8" };
 * console.log(formatTemplateVersionId(pinned));
 * ```
 */
export interface TemplateVersionId {
  /** The template id, e.g. `Demo Vitals` or `org.highmed::vitals.v1`. */
  readonly templateId: string;
  /** The version's uid (a UUID, case kept as given), absent for a plain template id. */
  readonly uid?: string | undefined;
}

const SEPARATOR = "::";

/**
 * Splits `{template_id}::{uid}` into its parts. The string is split on the
 * LAST `::`, and only when a UUID follows is that a version suffix: namespaced
 * template ids contain `::` themselves (`org.highmed::vitals.v1` is a plain
 * template id, not an error). The uid's letter case is kept as given.
 *
 * @param id A template id, with or without a `::{uid}` version suffix.
 * @returns The template id and, when present, the version's uid.
 * @throws {TemplateIdError} `invalid_template_id` when the string or a part around a `::` is empty; `part` names which.
 *
 * @example Split a version id
 * ```ts
 * import { parseTemplateVersionId } from "@cadasto/templates";
 * const { templateId, uid } = parseTemplateVersionId("Demo Vitals::0c05260d-421a-402e-bc65-dc8e3cc529a8");
 * console.log(templateId, uid); // "Demo Vitals" "0c05260d-421a-402e-bc65-dc8e3cc529a8"
 * parseTemplateVersionId("org.highmed::vitals.v1"); // { templateId: "org.highmed::vitals.v1" }
 * ```
 */
export function parseTemplateVersionId(id: string): TemplateVersionId {
  if (typeof id !== "string" || id.length === 0) {
    throw new TemplateIdError("The template id is empty: pass a template_id, optionally followed by ::{uid}.", "templateId");
  }
  const at = id.lastIndexOf(SEPARATOR);
  if (at === -1) return { templateId: id };
  const head = id.slice(0, at);
  const tail = id.slice(at + SEPARATOR.length);
  if (tail.length === 0) {
    throw new TemplateIdError(`"${id}" ends with "::" and no version: add the version's uid after "::" or remove the "::".`, "uid");
  }
  if (head.length === 0) {
    throw new TemplateIdError(`"${id}" has nothing before "::": the template_id part is empty.`, "templateId");
  }
  if (!isUuid(tail)) return { templateId: id };
  return { templateId: head, uid: tail };
}

/**
 * Builds `{template_id}::{uid}` (or just `{template_id}` without a uid); the
 * inverse of {@linkcode parseTemplateVersionId}.
 *
 * @param parts The template id and an optional uid (a UUID).
 * @returns The version id string.
 * @throws {TemplateIdError} `invalid_template_id` when the template id is empty, or the uid is given but is not a UUID (`part` says which).
 *
 * @example Build a version id
 * ```ts
 * import { formatTemplateVersionId } from "@cadasto/templates";
 * const id = formatTemplateVersionId({ templateId: "Körpergröße", uid: "b077c676-2d29-4ac7-bd01-d97c76cddd52" });
 * console.log(id); // "Körpergröße::b077c676-2d29-4ac7-bd01-d97c76cddd52"
 * ```
 */
export function formatTemplateVersionId(parts: TemplateVersionId): string {
  if (typeof parts !== "object" || parts === null) {
    throw new TemplateIdError(
      "formatTemplateVersionId() takes { templateId, uid? }: pass the OPT's template_id and the version uid.",
      "templateId",
    );
  }
  const { templateId, uid } = parts;
  if (typeof templateId !== "string" || templateId.length === 0) {
    throw new TemplateIdError("templateId is empty: pass the OPT's template_id.", "templateId");
  }
  if (uid === undefined) {
    // A plain id must not read back as a version id.
    const parsed = parseTemplateVersionId(templateId);
    if (parsed.uid !== undefined) {
      throw new TemplateIdError(
        `templateId "${templateId}" already ends with ::{uid}: pass the template id and the uid separately.`,
        "templateId",
      );
    }
    return templateId;
  }
  if (!isUuid(uid)) {
    throw new TemplateIdError(
      `uid "${String(uid)}" is not a UUID (8-4-4-4-12 hex digits): pass the version uid from the server or the OPT.`,
      "uid",
    );
  }
  return `${templateId}${SEPARATOR}${uid}`;
}
