// Internal: the HTTP rules the clinical data endpoints share: error bodies,
// JSON bodies, ids, Prefer, If-Match, the openEHR write headers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./_http.ts";

/** The sandbox's `creating_system_id` in every version uid. */
export const SYSTEM_ID: string = "cadasto-sandbox";
/** The most a clinical request body may hold. */
export const BODY_LIMIT: number = 16 * 1024 * 1024;

export const UUID: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION_UID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})::(.+)::([1-9]\d{0,8})$/i;

/** An answer that ends a request: thrown by handlers, sent by the router. */
export class HttpFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: readonly string[];
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, errors: readonly string[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
}

/** Sends an openEHR error body: `{ message, code, errors }`. */
export function sendFailure(res: ServerResponse, failure: HttpFailure): void {
  sendJson(res, failure.status, { message: failure.message, code: failure.code, errors: failure.errors }, failure.headers);
}

/** A header value made safe: controls, `"`, `%` and non-Latin-1 percent-encoded. */
export function headerSafe(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: controls are what we encode
  return value.replace(/[\u0000-\u001f\u007f"%]|[^\u0000-\u00ff]/gu, (c) => encodeURIComponent(c));
}

/** Decodes one path segment; 400 when it is not valid percent-encoding. */
export function pathSegment(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpFailure(400, "malformed_id", `the ${what} in the path is not valid percent-encoding: ${raw}`);
  }
}

/** Checks an EHR id (a UUID); 400 otherwise. */
export function ehrIdFrom(id: string): string {
  if (!UUID.test(id)) throw new HttpFailure(400, "malformed_id", `ehr_id must be a UUID, got ${JSON.stringify(id)}`);
  return id.toLowerCase();
}

/** A uid in a path: a bare versioned object id, or a full version uid. */
export type UidRef = { readonly objectId: string; readonly n?: number };

/** Parses `{object_id}` or `{object_id}::{system_id}::{n}`; 400 when it is neither, 404 for another system's uid. */
export function uidRef(id: string, what = "uid"): UidRef {
  if (UUID.test(id)) return { objectId: id.toLowerCase() };
  const match = VERSION_UID.exec(id);
  if (match === null) {
    throw new HttpFailure(
      400,
      "malformed_id",
      `the ${what} must be a versioned object id (a UUID) or a version uid {object_id}::{system_id}::{version}, got ${JSON.stringify(id)}`,
    );
  }
  if (match[2] !== SYSTEM_ID) {
    throw new HttpFailure(
      404,
      "not_found",
      `no version ${JSON.stringify(id)}: this server's version uids end in ::${SYSTEM_ID}::{version}`,
    );
  }
  return { objectId: (match[1] ?? "").toLowerCase(), n: Number(match[3]) };
}

/** Formats a version uid. */
export function versionUid(objectId: string, n: number): string {
  return `${objectId}::${SYSTEM_ID}::${n}`;
}

/** Reads a JSON body (a UTF-8 BOM is dropped); 400 for bad JSON, 413 for too much. */
export async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const bytes = await readBody(req, res, BODY_LIMIT);
  if (bytes === undefined)
    throw new HttpFailure(413, "too_large", `the body is larger than ${BODY_LIMIT / 1024 / 1024} MiB, the most this sandbox accepts`);
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpFailure(400, "invalid_json", "the body is not valid JSON", [(error as Error).message]);
  }
}

/** The media type of a request, lower case, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** `Prefer: return=…`; `minimal` when absent. */
export function preferReturn(req: IncomingMessage): "minimal" | "representation" | "identifier" {
  const parts = [req.headers.prefer ?? ""]
    .flat()
    .join(",")
    .split(/[,;]/)
    .map((p) => p.trim().toLowerCase());
  if (parts.includes("return=representation")) return "representation";
  if (parts.includes("return=identifier")) return "identifier";
  return "minimal";
}

/** The version uid in `If-Match` (quotes and `W/` removed), or undefined. */
export function ifMatch(req: IncomingMessage): string | undefined {
  const raw = req.headers["if-match"];
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw
    .trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");
}

/** Parses an openEHR header of `key="value"` pairs (`openehr-audit-details`, `openehr-version`). */
export function headerPairs(value: string | string[] | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const match of [value ?? ""]
    .flat()
    .join(",")
    .matchAll(/([\w.]+)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    pairs[match[1] ?? ""] = (match[2] ?? "").replace(/\\(.)/g, "$1");
  }
  return pairs;
}

/** The headers of a successful write: `ETag`, `Location`, `Last-Modified`. */
export function writeHeaders(uid: string, location: string, time: string): Record<string, string> {
  return { etag: `"${headerSafe(uid)}"`, location, "last-modified": new Date(time).toUTCString() };
}

/** Ends a write: 201/200/204 with the body `Prefer` asks for. */
export function sendWritten(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  representation: () => { type: string; body: unknown },
  identifier: () => unknown,
): void {
  const prefer = preferReturn(req);
  if (prefer === "minimal" || status === 204) {
    res.writeHead(status, { ...headers, "preference-applied": "return=minimal" }).end();
    return;
  }
  const { type, body } = prefer === "representation" ? representation() : { type: "application/json", body: identifier() };
  sendJson(res, status, body, { ...headers, "content-type": `${type}; charset=utf-8`, "preference-applied": `return=${prefer}` });
}
