/**
 * One template version as the list endpoint describes it.
 *
 * @example Find the newest version's creation time
 * ```ts
 * import { createTemplatesClient, type TemplateListEntry } from "@cadasto/templates";
 * const templates = createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const [newest]: TemplateListEntry[] = await templates.versions("Demo Vitals");
 * console.log(newest?.versionId, newest?.createdTimestamp, newest?.fields.version);
 * ```
 */
export interface TemplateListEntry {
  /** The template id, without a version suffix. */
  readonly templateId: string;
  /** The version's uid, when the server names versions (Cadasto does). */
  readonly uid: string | undefined;
  /** `{template_id}::{uid}`, or the plain template id on a server without versions; pass it to `get()`. */
  readonly versionId: string;
  /** `concept`, when present. */
  readonly concept: string | undefined;
  /** `archetype_id` (the root archetype), when present. */
  readonly archetypeId: string | undefined;
  /** `created_timestamp` as sent (ISO 8601), when present. */
  readonly createdTimestamp: string | undefined;
  /** Every field as the server sent it, unknown ones included (e.g. the deprecated `version`). */
  readonly fields: Readonly<Record<string, unknown>>;
}
