import { isUuid } from "@cadasto/core";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BearerResult } from "./_bearer.ts";
import { readBody, sendJson } from "./_http.ts";
import { isOptError, type OptMetadata, readOptMetadata } from "@cadasto/opt";
import type { TemplateStore, TemplateVersion } from "./_store.ts";

/** The template collection, under the API base path. */
export const TEMPLATES_PATH = "/definition/template/adl1.4";

const UPLOAD_LIMIT = 16 * 1024 * 1024;
const XML_TYPES = ["application/xml", "text/xml"];

/** What the templates API needs from the server. */
export interface TemplatesApiOptions {
  /** E.g. `http://127.0.0.1:PORT/openehr/v1`. */
  readonly apiBaseUrl: string;
  readonly store: TemplateStore;
  readonly verify: (req: IncomingMessage, scope: string) => Promise<BearerResult>;
}

/** An openEHR error body (`{ message, validationErrors }`). */
function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { message, ...extra }, headers);
}

/** `"Demo Vitals::uid"`; characters a header cannot carry (controls, `"`, beyond Latin-1) percent-encoded. */
function etagFor(version: TemplateVersion): string {
  const id = `${version.templateId}::${version.uid}`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: controls are what we encode
  return `"${id.replace(/[\u0000-\u001f\u007f"%]|[^\u0000-\u00ff]/gu, (c) => encodeURIComponent(c))}"`;
}

function listEntry(version: TemplateVersion): Record<string, unknown> {
  return {
    template_id: `${version.templateId}::${version.uid}`,
    concept: version.concept ?? null,
    archetype_id: version.archetypeId ?? null,
    created_timestamp: version.createdTimestamp,
    uid: version.uid,
    version: String(version.version),
  };
}

/** Does an Accept header allow one of `types`? Returns the first allowed, or undefined. */
function negotiate(accept: string | undefined, types: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === "") return types[0];
  const ranges = accept.split(",").map((part) => {
    const [range = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    return { range, q: q === undefined ? 1 : Number(q.slice(2)) };
  });
  for (const type of types) {
    const [major] = type.split("/");
    const ok = ranges.some(({ range, q }) => q > 0 && (range === type || range === "*/*" || range === `${major}/*`));
    if (ok) return type;
  }
  return undefined;
}

/** Parses `Prefer` for `return=representation` (default minimal). */
function wantsRepresentation(prefer: string | string[] | undefined): boolean {
  return [prefer ?? ""]
    .flat()
    .join(",")
    .split(",")
    .some((p) => p.trim().toLowerCase() === "return=representation");
}

/**
 * Builds the handler for everything under the API base path (`rest` is the
 * path after `/openehr/v1`, still percent-encoded).
 */
export function templatesApi(options: TemplatesApiOptions): (req: IncomingMessage, res: ServerResponse, rest: string) => Promise<void> {
  const { apiBaseUrl, store, verify } = options;

  async function authorize(req: IncomingMessage, res: ServerResponse, scope: string): Promise<boolean> {
    const result = await verify(req, scope);
    if (result.ok) return true;
    req.resume();
    sendError(res, result.status, result.message, {}, { "www-authenticate": result.challenge });
    return false;
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(await authorize(req, res, "api.write"))) return;
    const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!XML_TYPES.includes(type)) {
      req.resume();
      sendError(res, 415, `upload the OPT as application/xml, not ${type === "" ? "without a Content-Type" : type}`);
      return;
    }
    const bytes = await readBody(req, res, UPLOAD_LIMIT);
    if (bytes === undefined) {
      sendError(res, 413, `the OPT is larger than ${UPLOAD_LIMIT / 1024 / 1024} MiB, the most this sandbox accepts`);
      return;
    }
    let meta: OptMetadata;
    try {
      // The SDK's own reader (@cadasto/opt): the sandbox refuses exactly what the client refuses before uploading.
      meta = await readOptMetadata(bytes);
    } catch (error) {
      if (!isOptError(error)) throw error;
      const where = error.line === undefined ? "" : `${error.line}:${error.column}: `;
      sendError(res, 400, error.message, { validationErrors: [`${where}${error.code}`] });
      return;
    }
    const version = await store.add(meta, bytes);
    const versionId = `${version.templateId}::${version.uid}`;
    const headers = {
      location: `${apiBaseUrl}${TEMPLATES_PATH}/${encodeURIComponent(versionId)}`,
      etag: etagFor(version),
    };
    if (wantsRepresentation(req.headers.prefer)) {
      res.writeHead(201, { ...headers, "content-type": "application/xml", "preference-applied": "return=representation" });
      res.end(bytes);
    } else {
      res.writeHead(201, { ...headers, "preference-applied": "return=minimal" }).end();
    }
  }

  async function list(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(await authorize(req, res, "api.read"))) return;
    if (negotiate(req.headers.accept, ["application/json"]) === undefined) {
      sendError(res, 406, "the template list is only available as application/json");
      return;
    }
    sendJson(res, 200, store.list().map(listEntry));
  }

  async function get(req: IncomingMessage, res: ServerResponse, rawId: string): Promise<void> {
    if (!(await authorize(req, res, "api.read"))) return;
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      sendError(res, 400, `the template id in the path is not valid percent-encoding: ${rawId}`);
      return;
    }
    const cut = id.lastIndexOf("::");
    const uid = cut > 0 ? id.slice(cut + 2) : "";
    const version = isUuid(uid) ? store.find(id.slice(0, cut), uid.toLowerCase()) : store.find(id);
    if (version === undefined) {
      sendError(res, 404, `no template ${JSON.stringify(id)}: list the templates to see their ids`);
      return;
    }
    const type = negotiate(req.headers.accept, ["application/xml", "text/xml"]);
    if (type === undefined) {
      sendError(
        res,
        406,
        "this sandbox serves templates as application/xml (OPT) only; it has no web template (application/openehr.wt+json)",
      );
      return;
    }
    const bytes = await store.read(version);
    res.writeHead(200, { "content-type": type, "content-length": String(bytes.byteLength), etag: etagFor(version) });
    res.end(req.method === "HEAD" ? undefined : bytes);
  }

  return async (req, res, rest) => {
    const method = req.method ?? "GET";
    if (rest === TEMPLATES_PATH || rest === `${TEMPLATES_PATH}/`) {
      if (method === "POST") return upload(req, res);
      if (method === "GET" || method === "HEAD") return list(req, res);
      req.resume();
      sendError(res, 405, `${method} is not allowed here: GET lists templates, POST uploads one`, {}, { allow: "GET, HEAD, POST" });
      return;
    }
    if (rest.startsWith(`${TEMPLATES_PATH}/`)) {
      const rawId = rest.slice(TEMPLATES_PATH.length + 1);
      if (method === "GET" || method === "HEAD") return get(req, res, rawId);
      req.resume();
      sendError(res, 405, `${method} is not allowed on a template: use GET`, {}, { allow: "GET, HEAD" });
      return;
    }
    req.resume();
    if (!(await authorize(req, res, "api.read"))) return;
    sendError(res, 404, `the sandbox has no ${rest === "" ? "resource at the API root" : rest}: it serves ${TEMPLATES_PATH}`);
  };
}
