import type { RestClient } from "@cadasto/rest";
import { toBytes } from "./_bytes.ts";
import { checkUploadOptions, sendTemplate } from "./_send_template.ts";
import { type OptSource, readOptMetadata } from "./read_opt_metadata.ts";
import type { UploadOptions, UploadResult } from "./templates_client_options.ts";

/**
 * Uploads an OPT after checking it locally with {@linkcode readOptMetadata}
 * (a broken file never reaches the network): `POST
 * /definition/template/adl1.4` with `application/xml` and an explicit
 * `Prefer`. What {@linkcode TemplatesClient.upload} does; `api` is the REST
 * client it sends with (its errors are the ones thrown).
 *
 * @param api The REST client (`createRestClient()` of `@cadasto/rest`).
 * @param opt The OPT as a string, bytes, a `Blob` or a byte stream (read whole; sent byte for byte).
 * @param options `prefer`, `onProgress`, `signal`.
 * @returns The version id, from `Location`, else `ETag`, else the OPT's template id.
 * @throws {OptError} When the file is not a usable OPT (before any request).
 * @throws {TemplatesClientError} `invalid_option`; an `onProgress` that throws rejects with its own error.
 *
 * @example Upload with a REST client of your own
 * ```ts
 * import { createRestClient } from "@cadasto/rest";
 * import { uploadTemplate } from "@cadasto/templates";
 * declare const opt: Uint8Array;
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * console.log((await uploadTemplate(api, opt)).versionId);
 * ```
 */
export async function uploadTemplate(api: RestClient, opt: OptSource, options: UploadOptions = {}): Promise<UploadResult> {
  const checked = checkUploadOptions(options);
  const bytes = await toBytes(opt);
  return await sendTemplate(api, bytes, (await readOptMetadata(bytes)).templateId, checked);
}
