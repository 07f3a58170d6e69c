import type { RestClient } from "@cadasto/rest";
import { sha256Hex, toBytes } from "./_bytes.ts";
import { checkUploadOptions, sendTemplate } from "./_send_template.ts";
import { shareEnsure } from "./_shared_ensure.ts";
import { getTemplateBytes } from "./get_template.ts";
import { type OptSource, readOptMetadata } from "./read_opt_metadata.ts";
import { versionsOf } from "./template_versions.ts";
import type { EnsureResult, UploadOptions } from "./templates_client_options.ts";

/**
 * Uploads the OPT only when the latest version of its template id has
 * different bytes (SHA-256 compared), so a CI pipeline can run it on every
 * build without piling up identical versions. What
 * {@linkcode TemplatesClient.ensure} does.
 *
 * Concurrent calls of one client on the same template id and bytes share one
 * check-and-upload: ten at once make one upload and all report it. Each
 * call's own `signal` bounds its own wait; the shared upload stops only when
 * every waiting call has given up. Progress is reported to each waiting
 * call's `onProgress` when the call that started the upload asked for it.
 * Separate processes can still race (the openEHR API has no conditional
 * create): two CI jobs ensuring the same OPT at once may both upload. Let one
 * job upload templates (a dedicated step that the others depend on).
 *
 * @param api The REST client to send with.
 * @param opt The OPT, as for {@linkcode uploadTemplate}.
 * @param options `onProgress`, `signal`.
 * @returns Whether it uploaded, and the version id.
 * @throws {OptError} When the file is not a usable OPT (before any request).
 * @throws {TemplatesClientError} `invalid_option`.
 *
 * @example Ensure an OPT from a build step
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { createRestClient } from "@cadasto/rest";
 * import { ensureTemplate } from "@cadasto/templates";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const result = await ensureTemplate(api, await readFile("Demo_Vitals.opt"));
 * console.log(result.uploaded ? `uploaded ${result.versionId}` : "unchanged");
 * ```
 */
export async function ensureTemplate(api: RestClient, opt: OptSource, options: Omit<UploadOptions, "prefer"> = {}): Promise<EnsureResult> {
  const checked = checkUploadOptions(options);
  const bytes = await toBytes(opt);
  const { templateId } = await readOptMetadata(bytes);
  const sha256 = await sha256Hex(bytes);
  return await shareEnsure(api, `${templateId}\n${sha256}`, checked, async ({ signal, onProgress }): Promise<EnsureResult> => {
    // The OPT's own template_id may end with ::{uuid}: its versions are listed under exactly that id.
    const [latest] = await versionsOf(api, templateId, { signal });
    if (latest !== undefined) {
      const current = await sha256Hex(await getTemplateBytes(api, latest.versionId, { signal }));
      if (current === sha256) {
        return { uploaded: false, templateId, versionId: latest.versionId, uid: latest.uid, location: undefined, sha256 };
      }
    }
    const result = await sendTemplate(api, bytes, templateId, { signal, onProgress });
    return { uploaded: true, templateId, versionId: result.versionId, uid: result.uid, location: result.location, sha256 };
  });
}
