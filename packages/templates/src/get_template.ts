import type { RestClient } from "@cadasto/rest";
import { checkId } from "./_check_id.ts";
import { TEMPLATES_PATH } from "./_templates_api.ts";
import { TemplatesClientError } from "./client_errors.ts";
import type { GetOptions, RequestOptions, WebTemplate } from "./templates_client_options.ts";
import { refuse } from "./_refuse.ts";

const ACCEPT = { opt: "application/xml", "web-template": "application/openehr.wt+json" } as const;

/**
 * Reads a template: `GET /definition/template/adl1.4/{id}` as OPT XML (the
 * exact bytes decoded as UTF-8, a BOM kept) or as an openEHR web template
 * (JSON). What {@linkcode TemplatesClient.get} does.
 *
 * @param api The REST client to send with.
 * @param id A `template_id` (the latest version) or `{template_id}::{uid}`.
 * @param options `format` (`opt`, the default, or `web-template`), `signal`.
 * @returns The OPT text, or the parsed web template.
 * @throws {TemplateIdError} An empty id part.
 * @throws {TemplatesClientError} `invalid_option` for an unknown format or an id `.`/`..`; `invalid_response`.
 *
 * @example Read the latest version's OPT
 * ```ts
 * import { createRestClient } from "@cadasto/rest";
 * import { getTemplate } from "@cadasto/templates";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const opt: string = await getTemplate(api, "Demo Vitals");
 * console.log(opt.length);
 * ```
 */
export function getTemplate(api: RestClient, id: string, options?: GetOptions<"opt">): Promise<string>;
/**
 * Reads a template as an openEHR web template (JSON).
 *
 * @param api The REST client to send with.
 * @param id A `template_id` (the latest version) or `{template_id}::{uid}`.
 * @param options `format: "web-template"`, `signal`.
 * @returns The parsed web template.
 * @throws {TemplatesClientError} `invalid_response` when the answer is not a JSON object.
 *
 * @example Read a web template
 * ```ts
 * import { createRestClient } from "@cadasto/rest";
 * import { getTemplate } from "@cadasto/templates";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * console.log(Object.keys(await getTemplate(api, "Demo Vitals", { format: "web-template" })));
 * ```
 */
export function getTemplate(api: RestClient, id: string, options: GetOptions<"web-template">): Promise<WebTemplate>;
export async function getTemplate(api: RestClient, id: string, options: GetOptions = {}): Promise<string | WebTemplate> {
  if (checkFormat(options.format) === "opt") {
    // ignoreBOM keeps a byte order mark, so the text encodes back to the same bytes.
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await getTemplateBytes(api, id, options));
  }
  const body = await api.json("GET", [...TEMPLATES_PATH, checkId(id, "id")], {
    headers: { accept: ACCEPT["web-template"] },
    signal: options.signal,
  });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const url = api.url([...TEMPLATES_PATH, id]);
    throw new TemplatesClientError("invalid_response", `GET ${url} did not answer with a web template (a JSON object).`, {
      method: "GET",
      url,
    });
  }
  return body as WebTemplate;
}

/**
 * Reads a template's bytes exactly as the server sent them: the OPT (or,
 * with `format: "web-template"`, the web template's JSON), not decoded, for
 * writing to a file or hashing. What {@linkcode TemplatesClient.getBytes} does.
 *
 * @param api The REST client to send with.
 * @param id A `template_id` (the latest version) or `{template_id}::{uid}`.
 * @param options `format`, `signal`.
 * @returns The body's bytes.
 * @throws {TemplateIdError} An empty id part.
 * @throws {TemplatesClientError} `invalid_option` for an unknown format or an id `.`/`..`.
 *
 * @example Save an OPT byte for byte
 * ```ts
 * import { writeFile } from "node:fs/promises";
 * import { createRestClient } from "@cadasto/rest";
 * import { getTemplateBytes } from "@cadasto/templates";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * await writeFile("Demo_Vitals.opt", await getTemplateBytes(api, "Demo Vitals"));
 * ```
 */
export async function getTemplateBytes(api: RestClient, id: string, options: GetOptions & RequestOptions = {}): Promise<Uint8Array> {
  const format = checkFormat(options.format);
  const response = await api.request("GET", [...TEMPLATES_PATH, checkId(id, "id")], {
    headers: { accept: ACCEPT[format] },
    signal: options.signal,
  });
  return new Uint8Array(await response.arrayBuffer());
}

function checkFormat(format: unknown): keyof typeof ACCEPT {
  if (format === undefined) return "opt";
  if (format !== "opt" && format !== "web-template") {
    refuse("format", `format "${String(format)}" is unknown: use "opt" or "web-template".`);
  }
  return format;
}
