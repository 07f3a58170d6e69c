// Internal: EHR and EHR_STATUS endpoints.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ehrIdFrom, HttpFailure, ifMatch, readJson, sendWritten, SYSTEM_ID, uidRef, writeHeaders } from "./_clinical_http.ts";
import type { ClinicalContext, Route } from "./_clinical_routes.ts";
import type { ClinicalDb, Row } from "./_db.ts";
import { sendJson } from "./_http.ts";
import { auditFrom } from "./_composition_input.ts";
import { applyChanges, head, type Json, type JsonObject, versionAt } from "./_versions.ts";

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks an EHR_STATUS body; returns it with defaults and its subject (if any). */
function checkStatus(value: unknown): { status: JsonObject; subject: { id: string; namespace: string } | undefined } {
  if (value === undefined) {
    return {
      status: {
        _type: "EHR_STATUS",
        archetype_node_id: "openEHR-EHR-EHR_STATUS.generic.v1",
        name: { _type: "DV_TEXT", value: "EHR Status" },
        subject: { _type: "PARTY_SELF" },
        is_queryable: true,
        is_modifiable: true,
      },
      subject: undefined,
    };
  }
  if (!isObject(value) || (value._type !== undefined && value._type !== "EHR_STATUS")) {
    throw new HttpFailure(400, "invalid_ehr_status", "the body must be an EHR_STATUS object (_type EHR_STATUS)", ["_type"]);
  }
  for (const flag of ["is_queryable", "is_modifiable"]) {
    if (value[flag] !== undefined && typeof value[flag] !== "boolean")
      throw new HttpFailure(400, "invalid_ehr_status", `${flag} must be a boolean`, [flag]);
  }
  const ref = isObject(value.subject) && isObject(value.subject.external_ref) ? value.subject.external_ref : undefined;
  const id = isObject(ref?.id) ? ref.id.value : undefined;
  const namespace = ref?.namespace;
  if (ref !== undefined && (typeof id !== "string" || id === "" || typeof namespace !== "string" || namespace === "")) {
    throw new HttpFailure(400, "invalid_ehr_status", "subject.external_ref needs id.value and namespace (non-empty strings)", [
      "subject.external_ref",
    ]);
  }
  const status: JsonObject = { _type: "EHR_STATUS", is_queryable: true, is_modifiable: true, ...value };
  return { status, subject: ref === undefined ? undefined : { id: String(id), namespace: String(namespace) } };
}

/** The EHR row, or 404. */
export function ehrRow(db: ClinicalDb, ehrId: string): Row {
  const row = db.one("SELECT * FROM ehr WHERE ehr_id = ?", [ehrId]);
  if (row === undefined) throw new HttpFailure(404, "not_found", `no EHR ${ehrId}`);
  return row;
}

function ehrJson(db: ClinicalDb, row: Row): JsonObject {
  const status = head(db, String(row.ehr_id), String(row.status_id), "ehr_status");
  return {
    system_id: { _type: "HIER_OBJECT_ID", value: SYSTEM_ID },
    ehr_id: { _type: "HIER_OBJECT_ID", value: String(row.ehr_id) },
    ehr_status: { id: { _type: "OBJECT_VERSION_ID", value: String(status?.uid) }, namespace: "local", type: "EHR_STATUS" },
    time_created: { _type: "DV_DATE_TIME", value: String(row.time_created) },
  };
}

async function create(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, chosenId: string | undefined): Promise<void> {
  const { status, subject } = checkStatus(await readJson(req, res));
  const db = await ctx.db();
  const ehrId = chosenId ?? randomUUID();
  const audit = auditFrom(req, "249");
  const row = await db.write(() => {
    if (db.one("SELECT 1 FROM ehr WHERE ehr_id = ?", [ehrId]) !== undefined)
      throw new HttpFailure(409, "conflict", `EHR ${ehrId} exists already`);
    if (
      subject !== undefined &&
      db.one("SELECT 1 FROM ehr WHERE subject_id = ? AND subject_ns = ?", [subject.id, subject.namespace]) !== undefined
    ) {
      throw new HttpFailure(
        409,
        "conflict",
        `an EHR for subject ${subject.id} in namespace ${subject.namespace} exists already: find it with GET /ehr?subject_id=…&subject_namespace=…`,
      );
    }
    const time = new Date().toISOString();
    db.run("INSERT INTO ehr (ehr_id, time_created, subject_id, subject_ns, status_id) VALUES (?, ?, ?, ?, '')", [
      ehrId,
      time,
      subject?.id ?? null,
      subject?.namespace ?? null,
    ]);
    const [version] = applyChanges(
      db,
      ehrId,
      [
        {
          kind: "ehr_status",
          audit,
          lifecycle: "532",
          format: "canonical",
          body: (uid) => ({ ...status, uid: { _type: "OBJECT_VERSION_ID", value: uid } }),
        },
      ],
      audit,
    ).versions;
    db.run("UPDATE ehr SET status_id = ? WHERE ehr_id = ?", [version?.objectId ?? "", ehrId]);
    return ehrRow(db, ehrId);
  });
  const headers = writeHeaders(ehrId, `${ctx.apiBaseUrl}/ehr/${ehrId}`, String(row.time_created));
  sendWritten(
    req,
    res,
    201,
    headers,
    () => ({ type: "application/json", body: ehrJson(db, row) }),
    () => ({ ehr_id: { value: ehrId } }),
  );
}

async function get(ctx: ClinicalContext, _req: IncomingMessage, res: ServerResponse, ehrId: string): Promise<void> {
  const db = await ctx.db();
  const row = ehrRow(db, ehrId);
  sendJson(res, 200, ehrJson(db, row), { etag: `"${ehrId}"`, "last-modified": new Date(String(row.time_created)).toUTCString() });
}

async function find(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const query = new URL(req.url ?? "/", "http://sandbox").searchParams;
  const id = query.get("subject_id");
  const namespace = query.get("subject_namespace");
  if (id === null || namespace === null || id === "" || namespace === "") {
    throw new HttpFailure(400, "missing_parameter", "GET /ehr needs subject_id and subject_namespace", ["subject_id", "subject_namespace"]);
  }
  const db = await ctx.db();
  const row = db.one("SELECT * FROM ehr WHERE subject_id = ? AND subject_ns = ?", [id, namespace]);
  if (row === undefined) throw new HttpFailure(404, "not_found", `no EHR for subject ${id} in namespace ${namespace}`);
  sendJson(res, 200, ehrJson(db, row), { etag: `"${String(row.ehr_id)}"` });
}

async function getStatus(
  ctx: ClinicalContext,
  req: IncomingMessage,
  res: ServerResponse,
  ehrId: string,
  versionUid?: string,
): Promise<void> {
  const db = await ctx.db();
  const ehr = ehrRow(db, ehrId);
  const objectId = String(ehr.status_id);
  const at = new URL(req.url ?? "/", "http://sandbox").searchParams.get("version_at_time");
  let row: Row | undefined;
  if (versionUid !== undefined) {
    const ref = uidRef(versionUid, "version uid");
    row = ref.objectId === objectId ? db.one("SELECT * FROM version WHERE object_id = ? AND n = ?", [objectId, ref.n ?? 0]) : undefined;
  } else if (at !== null) {
    if (Number.isNaN(Date.parse(at)))
      throw new HttpFailure(400, "invalid_parameter", `version_at_time must be an ISO 8601 date-time, got ${JSON.stringify(at)}`);
    row = versionAt(db, ehrId, objectId, "ehr_status", at);
  } else {
    row = head(db, ehrId, objectId, "ehr_status");
  }
  if (row === undefined) throw new HttpFailure(404, "not_found", `no such EHR_STATUS version in EHR ${ehrId}`);
  sendJson(res, 200, JSON.parse(String(row.body)), {
    etag: `"${String(row.uid)}"`,
    "last-modified": new Date(String(row.time_committed)).toUTCString(),
  });
}

async function putStatus(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, ehrId: string): Promise<void> {
  const body = await readJson(req, res);
  if (body === undefined) throw new HttpFailure(400, "invalid_ehr_status", "send the new EHR_STATUS as the body");
  const { status, subject } = checkStatus(body);
  const db = await ctx.db();
  const audit = auditFrom(req, "251");
  const precedingUid = ifMatch(req);
  const version = await db.write(() => {
    const ehr = ehrRow(db, ehrId);
    if (subject !== undefined) {
      const other = db.one("SELECT ehr_id FROM ehr WHERE subject_id = ? AND subject_ns = ? AND ehr_id != ?", [
        subject.id,
        subject.namespace,
        ehrId,
      ]);
      if (other !== undefined)
        throw new HttpFailure(409, "conflict", `another EHR has subject ${subject.id} in namespace ${subject.namespace}`);
    }
    const change = {
      kind: "ehr_status" as const,
      objectId: String(ehr.status_id),
      ...(precedingUid === undefined ? {} : { precedingUid }),
      audit,
      lifecycle: "532",
      format: "canonical" as const,
      body: (uid: string) => ({ ...status, uid: { _type: "OBJECT_VERSION_ID", value: uid } as Json }),
    };
    const [committed] = applyChanges(db, ehrId, [change], audit).versions;
    db.run("UPDATE ehr SET subject_id = ?, subject_ns = ? WHERE ehr_id = ?", [subject?.id ?? null, subject?.namespace ?? null, ehrId]);
    if (committed === undefined) throw new Error("no version committed");
    return committed;
  });
  const headers = writeHeaders(version.uid, `${ctx.apiBaseUrl}/ehr/${ehrId}/ehr_status/${encodeURIComponent(version.uid)}`, version.time);
  sendWritten(
    req,
    res,
    200,
    headers,
    () => ({ type: "application/json", body: version.body }),
    () => ({ uid: { value: version.uid } }),
  );
}

/** The EHR routes. */
export const EHR_ROUTES: readonly Route[] = [
  { method: "POST", path: "/ehr", scope: "api.write", handle: (ctx, req, res) => create(ctx, req, res, undefined) },
  { method: "GET", path: "/ehr", scope: "api.read", handle: (ctx, req, res) => find(ctx, req, res) },
  {
    method: "PUT",
    path: "/ehr/{ehr_id}",
    scope: "api.write",
    handle: (ctx, req, res, p) => create(ctx, req, res, ehrIdFrom(p.ehr_id ?? "")),
  },
  { method: "GET", path: "/ehr/{ehr_id}", scope: "api.read", handle: (ctx, req, res, p) => get(ctx, req, res, ehrIdFrom(p.ehr_id ?? "")) },
  {
    method: "GET",
    path: "/ehr/{ehr_id}/ehr_status",
    scope: "api.read",
    handle: (ctx, req, res, p) => getStatus(ctx, req, res, ehrIdFrom(p.ehr_id ?? "")),
  },
  {
    method: "PUT",
    path: "/ehr/{ehr_id}/ehr_status",
    scope: "api.write",
    handle: (ctx, req, res, p) => putStatus(ctx, req, res, ehrIdFrom(p.ehr_id ?? "")),
  },
  {
    method: "GET",
    path: "/ehr/{ehr_id}/ehr_status/{version_uid}",
    scope: "api.read",
    handle: (ctx, req, res, p) => getStatus(ctx, req, res, ehrIdFrom(p.ehr_id ?? ""), p.version_uid ?? ""),
  },
];
