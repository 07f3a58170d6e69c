import type { RestClient } from "@cadasto/rest";
import { checkId } from "./_check_id.ts";
import { toEntries } from "./_list_entries.ts";
import { TEMPLATES_PATH } from "./_templates_api.ts";
import type { TemplateListEntry } from "./template_list_entry.ts";
import type { ListFilter } from "./templates_client_options.ts";

/**
 * Lists template versions: `GET /definition/template/adl1.4` (Cadasto lists
 * every version; a plain openEHR server only the latest of each template).
 * What {@linkcode TemplatesClient.list} does.
 *
 * @param api The REST client to send with.
 * @param filter An optional `templateId` (sent as `template_id` and applied to the answer too) and `signal`.
 * @returns The entries in the server's order.
 * @throws {TemplateIdError} An empty template id.
 * @throws {TemplatesClientError} `invalid_response` when the answer is not a list of templates.
 *
 * @example List every version
 * ```ts
 * import { createRestClient } from "@cadasto/rest";
 * import { listTemplates } from "@cadasto/templates";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * console.log((await listTemplates(api)).map((entry) => entry.versionId));
 * ```
 */
export async function listTemplates(api: RestClient, filter: ListFilter = {}): Promise<TemplateListEntry[]> {
  const templateId = filter.templateId === undefined ? undefined : checkId(filter.templateId, "templateId");
  const query = templateId === undefined ? undefined : { template_id: templateId };
  const body = await api.json("GET", TEMPLATES_PATH, { query, signal: filter.signal });
  const entries = toEntries(body, "GET", api.url(TEMPLATES_PATH, query));
  return templateId === undefined ? entries : entries.filter((entry) => entry.templateId === templateId);
}
