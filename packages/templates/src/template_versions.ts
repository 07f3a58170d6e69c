import type { RestClient } from "@cadasto/rest";
import { checkId } from "./_check_id.ts";
import { latestFirst } from "./_list_entries.ts";
import { refuse } from "./_refuse.ts";
import { listTemplates } from "./list_templates.ts";
import type { TemplateListEntry } from "./template_list_entry.ts";
import { parseTemplateVersionId } from "./template_version_id.ts";
import type { RequestOptions } from "./templates_client_options.ts";

/**
 * The versions of one template, latest first: by `created_timestamp`, ties
 * broken as the server orders them (a higher `version` number first, else the
 * one listed later). One entry on a server that keeps only the latest; none
 * when unknown. What {@linkcode TemplatesClient.versions} does.
 *
 * @param api The REST client to send with.
 * @param templateId A template id without a `::{uid}` suffix.
 * @param options `signal`.
 * @returns The versions, latest first.
 * @throws {TemplateIdError} An empty id.
 * @throws {TemplatesClientError} `invalid_option` for a version id, `invalid_response`.
 *
 * @example The newest version of a template
 * ```ts
 * import { createRestClient } from "@cadasto/rest";
 * import { templateVersions } from "@cadasto/templates";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const [newest] = await templateVersions(api, "Demo Vitals");
 * console.log(newest?.versionId);
 * ```
 */
export async function templateVersions(api: RestClient, templateId: string, options: RequestOptions = {}): Promise<TemplateListEntry[]> {
  checkId(templateId, "templateId");
  const parsed = parseTemplateVersionId(templateId);
  if (parsed.uid !== undefined) {
    refuse("templateId", `templateId "${templateId}" is a version id: pass the template id alone ("${parsed.templateId}").`);
  }
  return await versionsOf(api, templateId, options);
}

/** The versions of exactly `templateId` (which may itself end with ::{uuid}, as an OPT's own id can), latest first. */
export async function versionsOf(api: RestClient, templateId: string, options: RequestOptions): Promise<TemplateListEntry[]> {
  return latestFirst(await listTemplates(api, { templateId, signal: options.signal }));
}
