// Internal: composition, versioned composition and contribution endpoints.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ehrIdFrom, HttpFailure, headerSafe, ifMatch, readJson, sendWritten, uidRef, writeHeaders } from "./_clinical_http.ts";
import type { ClinicalContext, Route } from "./_clinical_routes.ts";
import { auditFrom, auditOf, checkComposition, formatOf, lifecycleFrom, MEDIA_TYPES, type Format } from "./_composition_input.ts";
import type { ClinicalDb, Row } from "./_db.ts";
import { ehrRow } from "./_ehr_api.ts";
import { sendJson } from "./_http.ts";
import { applyChanges, type Change, type Committed, head, history, type Json, originalVersionJson, versionAt } from "./_versions.ts";

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function location(ctx: ClinicalContext, ehrId: string, uid: string): string {
  return `${ctx.apiBaseUrl}/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`;
}

function sendVersion(
  ctx: ClinicalContext,
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  ehrId: string,
  version: Committed,
  format: Format,
): void {
  sendWritten(
    req,
    res,
    status,
    writeHeaders(version.uid, location(ctx, ehrId, version.uid), version.time),
    () => ({ type: MEDIA_TYPES[format], body: version.body }),
    () => ({ uid: { _type: "OBJECT_VERSION_ID", value: version.uid } }),
  );
}

async function create(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, ehrId: string): Promise<void> {
  const format = formatOf(req);
  const body = await readJson(req, res);
  const { template, body: build } = checkComposition(ctx.templates, body, format, header(req, "openehr-template-id"));
  const db = await ctx.db();
  const audit = auditFrom(req, "249");
  const change: Change = {
    kind: "composition",
    audit,
    lifecycle: lifecycleFrom(req),
    format,
    templateId: template.fullId,
    rootArchetype: template.archetypeId ?? "",
    body: build,
  };
  const version = await db.write(() => {
    ehrRow(db, ehrId);
    return applyChanges(db, ehrId, [change], audit).versions[0];
  });
  if (version === undefined) throw new Error("no version committed");
  sendVersion(ctx, req, res, 201, ehrId, version, format);
}

/** The version a uid names: the latest for a bare object id; undefined when unknown. */
function resolve(db: ClinicalDb, ehrId: string, uid: string): Row | undefined {
  const ref = uidRef(uid);
  if (ref.n === undefined) return head(db, ehrId, ref.objectId, "composition");
  return db.one("SELECT * FROM version WHERE object_id = ? AND n = ? AND ehr_id = ? AND kind = 'composition'", [
    ref.objectId,
    ref.n,
    ehrId,
  ]);
}

function sendStored(req: IncomingMessage, res: ServerResponse, row: Row): void {
  const headers = {
    etag: `"${String(row.uid)}"`,
    "last-modified": new Date(String(row.time_committed)).toUTCString(),
    "openehr-template-id": headerSafe(String(row.template_id ?? "")),
  };
  if (row.lifecycle === "523") {
    // ITS-REST: a logically deleted composition answers 204 No Content.
    res.writeHead(204, headers).end();
    return;
  }
  const type = MEDIA_TYPES[row.format as Format];
  const accept = (req.headers.accept ?? "").toLowerCase();
  if (accept !== "" && !accept.includes("*/*") && !accept.includes(type) && !accept.includes("application/*")) {
    throw new HttpFailure(406, "not_acceptable", `this composition is stored as ${type}; the sandbox does not convert between formats`);
  }
  const text = String(row.body);
  res.writeHead(200, { ...headers, "content-type": `${type}; charset=utf-8`, "content-length": String(Buffer.byteLength(text)) });
  res.end(req.method === "HEAD" ? undefined : text);
}

async function get(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, ehrId: string, uid: string): Promise<void> {
  const db = await ctx.db();
  ehrRow(db, ehrId);
  const row = resolve(db, ehrId, uid);
  if (row === undefined) throw new HttpFailure(404, "not_found", `no composition ${uid} in EHR ${ehrId}`);
  sendStored(req, res, row);
}

async function update(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, ehrId: string, uid: string): Promise<void> {
  const { objectId } = uidRef(uid);
  const format = formatOf(req);
  const body = await readJson(req, res);
  const { template, body: build } = checkComposition(ctx.templates, body, format, header(req, "openehr-template-id"));
  const db = await ctx.db();
  const audit = auditFrom(req, "251");
  const precedingUid = ifMatch(req);
  const change: Change = {
    kind: "composition",
    objectId,
    ...(precedingUid === undefined ? {} : { precedingUid }),
    audit,
    lifecycle: lifecycleFrom(req),
    format,
    templateId: template.fullId,
    rootArchetype: template.archetypeId ?? "",
    body: build,
  };
  const version = await db.write(() => {
    ehrRow(db, ehrId);
    return applyChanges(db, ehrId, [change], audit).versions[0];
  });
  if (version === undefined) throw new Error("no version committed");
  sendVersion(ctx, req, res, 200, ehrId, version, format);
}

async function remove(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, ehrId: string, uid: string): Promise<void> {
  const ref = uidRef(uid);
  const matched = ifMatch(req);
  // The path names the preceding version (ITS-REST); If-Match, when sent, must name it too.
  const named = ref.n === undefined ? undefined : uid;
  if (named !== undefined && matched !== undefined && named !== matched) {
    throw new HttpFailure(400, "invalid_header", `If-Match ${matched} and the path's version ${named} disagree`);
  }
  const precedingUid = named ?? matched;
  const db = await ctx.db();
  const audit = auditFrom(req, "523");
  const change: Change = {
    kind: "composition",
    objectId: ref.objectId,
    ...(precedingUid === undefined ? {} : { precedingUid }),
    deleted: true,
    audit,
    lifecycle: "523",
    format: "canonical",
  };
  const version = await db.write(() => {
    ehrRow(db, ehrId);
    return applyChanges(db, ehrId, [change], audit).versions[0];
  });
  if (version === undefined) throw new Error("no version committed");
  res.writeHead(204, writeHeaders(version.uid, location(ctx, ehrId, version.uid), version.time)).end();
}

async function versioned(
  ctx: ClinicalContext,
  req: IncomingMessage,
  res: ServerResponse,
  ehrId: string,
  objectId: string,
  what: "object" | "history" | "version",
  versionUid?: string,
): Promise<void> {
  const ref = uidRef(objectId, "versioned_object_id");
  if (ref.n !== undefined)
    throw new HttpFailure(400, "malformed_id", `versioned_object_id must be the object id (a UUID), not a version uid: ${objectId}`);
  const db = await ctx.db();
  ehrRow(db, ehrId);
  const rows = history(db, ehrId, ref.objectId, "composition");
  const first = rows[0];
  if (first === undefined) throw new HttpFailure(404, "not_found", `no versioned composition ${objectId} in EHR ${ehrId}`);
  if (what === "object") {
    sendJson(res, 200, {
      _type: "VERSIONED_COMPOSITION",
      uid: { _type: "HIER_OBJECT_ID", value: ref.objectId },
      owner_id: { _type: "HIER_OBJECT_ID", value: ehrId },
      time_created: { _type: "DV_DATE_TIME", value: String(first.time_committed) },
    });
    return;
  }
  if (what === "history") {
    sendJson(
      res,
      200,
      rows.map((row) => {
        const version = originalVersionJson(row);
        return { version_id: version.uid as Json, audits: [version.commit_audit as Json] };
      }),
    );
    return;
  }
  let row: Row | undefined;
  if (versionUid !== undefined) {
    const wanted = uidRef(versionUid, "version uid");
    row = rows.find((r) => r.object_id === wanted.objectId && Number(r.n) === wanted.n);
  } else {
    const at = new URL(req.url ?? "/", "http://sandbox").searchParams.get("version_at_time");
    if (at !== null && Number.isNaN(Date.parse(at)))
      throw new HttpFailure(400, "invalid_parameter", `version_at_time must be an ISO 8601 date-time, got ${JSON.stringify(at)}`);
    row = at === null ? rows.at(-1) : versionAt(db, ehrId, ref.objectId, "composition", at);
  }
  if (row === undefined)
    throw new HttpFailure(404, "not_found", `no version of ${objectId} ${versionUid === undefined ? "at that time" : versionUid}`);
  sendJson(res, 200, originalVersionJson(row), {
    etag: `"${String(row.uid)}"`,
    "last-modified": new Date(String(row.time_committed)).toUTCString(),
  });
}

async function commitContribution(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, ehrId: string): Promise<void> {
  const body = (await readJson(req, res)) as { versions?: unknown; audit?: Json } | undefined;
  if (typeof body !== "object" || body === null || !Array.isArray(body.versions) || body.versions.length === 0) {
    throw new HttpFailure(400, "invalid_contribution", "a contribution needs versions: a non-empty array", ["versions"]);
  }
  const changes = body.versions.map((raw: unknown, i): Change => {
    const version = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, Json>;
    const where = `versions[${i}]: `;
    const preceding = version.preceding_version_uid as { value?: unknown } | undefined;
    const precedingUid = typeof preceding?.value === "string" ? preceding.value : undefined;
    const audit = auditOf(version.commit_audit, precedingUid === undefined ? "249" : "251");
    if (audit.changeType !== "249" && precedingUid === undefined) {
      throw new HttpFailure(
        400,
        "invalid_contribution",
        `${where}a ${audit.changeType === "523" ? "deletion" : "modification"} needs preceding_version_uid`,
        [`versions[${i}].preceding_version_uid`],
      );
    }
    const base = {
      kind: "composition" as const,
      audit,
      ...(precedingUid === undefined ? {} : { objectId: uidRef(precedingUid, "preceding_version_uid").objectId, precedingUid }),
    };
    if (audit.changeType === "523") return { ...base, deleted: true, lifecycle: "523", format: "canonical" };
    const { template, body: build } = checkComposition(ctx.templates, version.data, "canonical", undefined, where);
    return {
      ...base,
      lifecycle: "532",
      format: "canonical",
      templateId: template.fullId,
      rootArchetype: template.archetypeId ?? "",
      body: build,
    };
  });
  const db = await ctx.db();
  const { contribution, versions } = await db.write(() => {
    ehrRow(db, ehrId);
    return applyChanges(db, ehrId, changes, auditOf(body.audit, "249"));
  });
  const stored = db.one("SELECT body FROM contribution WHERE uid = ?", [contribution]);
  sendWritten(
    req,
    res,
    201,
    writeHeaders(
      contribution,
      `${ctx.apiBaseUrl}/ehr/${ehrId}/contribution/${contribution}`,
      versions[0]?.time ?? new Date().toISOString(),
    ),
    () => ({ type: "application/json", body: JSON.parse(String(stored?.body)) }),
    () => ({ uid: { _type: "HIER_OBJECT_ID", value: contribution } }),
  );
}

async function getContribution(
  ctx: ClinicalContext,
  _req: IncomingMessage,
  res: ServerResponse,
  ehrId: string,
  uid: string,
): Promise<void> {
  const db = await ctx.db();
  ehrRow(db, ehrId);
  const row = db.one("SELECT body FROM contribution WHERE uid = ? AND ehr_id = ?", [uid.toLowerCase(), ehrId]);
  if (row === undefined) throw new HttpFailure(404, "not_found", `no contribution ${uid} in EHR ${ehrId}`);
  sendJson(res, 200, JSON.parse(String(row.body)), { etag: `"${uid.toLowerCase()}"` });
}

const COMPOSITION = "/ehr/{ehr_id}/composition/{uid_based_id}";
const VERSIONED = "/ehr/{ehr_id}/versioned_composition/{versioned_object_id}";
const e = (p: Record<string, string>): string => ehrIdFrom(p.ehr_id ?? "");

/** The composition and contribution routes. */
export const COMPOSITION_ROUTES: readonly Route[] = [
  { method: "POST", path: "/ehr/{ehr_id}/composition", scope: "api.write", handle: (ctx, req, res, p) => create(ctx, req, res, e(p)) },
  { method: "GET", path: COMPOSITION, scope: "api.read", handle: (ctx, req, res, p) => get(ctx, req, res, e(p), p.uid_based_id ?? "") },
  { method: "PUT", path: COMPOSITION, scope: "api.write", handle: (ctx, req, res, p) => update(ctx, req, res, e(p), p.uid_based_id ?? "") },
  {
    method: "DELETE",
    path: COMPOSITION,
    scope: "api.write",
    handle: (ctx, req, res, p) => remove(ctx, req, res, e(p), p.uid_based_id ?? ""),
  },
  {
    method: "GET",
    path: VERSIONED,
    scope: "api.read",
    handle: (ctx, req, res, p) => versioned(ctx, req, res, e(p), p.versioned_object_id ?? "", "object"),
  },
  {
    method: "GET",
    path: `${VERSIONED}/revision_history`,
    scope: "api.read",
    handle: (ctx, req, res, p) => versioned(ctx, req, res, e(p), p.versioned_object_id ?? "", "history"),
  },
  {
    method: "GET",
    path: `${VERSIONED}/version`,
    scope: "api.read",
    handle: (ctx, req, res, p) => versioned(ctx, req, res, e(p), p.versioned_object_id ?? "", "version"),
  },
  {
    method: "GET",
    path: `${VERSIONED}/version/{version_uid}`,
    scope: "api.read",
    handle: (ctx, req, res, p) => versioned(ctx, req, res, e(p), p.versioned_object_id ?? "", "version", p.version_uid ?? ""),
  },
  {
    method: "POST",
    path: "/ehr/{ehr_id}/contribution",
    scope: "api.write",
    handle: (ctx, req, res, p) => commitContribution(ctx, req, res, e(p)),
  },
  {
    method: "GET",
    path: "/ehr/{ehr_id}/contribution/{contribution_uid}",
    scope: "api.read",
    handle: (ctx, req, res, p) => getContribution(ctx, req, res, e(p), p.contribution_uid ?? ""),
  },
];
