// Internal: versioned objects (compositions, EHR_STATUS) and contributions.
// applyChanges() runs inside one write transaction: every version of a
// contribution lands, or (when one fails its check) none does.
import { randomUUID } from "node:crypto";
import type { ClinicalDb, Row } from "./_db.ts";
import { HttpFailure, SYSTEM_ID, versionUid } from "./_clinical_http.ts";
import { dropIndex, indexComposition, indexRootOnly } from "./_index.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** openEHR change types (terminology group "audit change type"). */
export const CHANGE_TYPES: Record<string, string> = { "249": "creation", "250": "amendment", "251": "modification", "523": "deleted" };
/** openEHR lifecycle states (group "version lifecycle state"). */
export const LIFECYCLES: Record<string, string> = { "532": "complete", "553": "incomplete", "523": "deleted" };

/** Who committed and why (from `openehr-audit-details` or a contribution's `commit_audit`). */
export interface Audit {
  readonly committer: string;
  readonly description?: string;
  readonly changeType: string;
}

/** One version to commit. */
export interface Change {
  readonly kind: "composition" | "ehr_status";
  /** For a new object: undefined. For an update or a delete: the object and the uid the client saw. */
  readonly objectId?: string;
  readonly precedingUid?: string;
  readonly deleted?: boolean;
  readonly audit: Audit;
  readonly lifecycle: string;
  readonly format: "canonical" | "flat" | "structured";
  /** The full `{template_id}::{uid}` (compositions). */
  readonly templateId?: string;
  /** The template's root archetype (indexes FLAT / STRUCTURED roots). */
  readonly rootArchetype?: string;
  /** Builds the stored body once the uid is known. */
  readonly body?: (uid: string) => JsonObject;
}

/** What a committed version is. */
export interface Committed {
  readonly objectId: string;
  readonly n: number;
  readonly uid: string;
  readonly vid: number;
  readonly time: string;
  readonly body: JsonObject | undefined;
}

/** The head (latest version) of an object in an EHR, or undefined. */
export function head(db: ClinicalDb, ehrId: string, objectId: string, kind: string): Row | undefined {
  return db.one("SELECT v.* FROM head h JOIN version v ON v.id = h.vid WHERE h.object_id = ? AND h.ehr_id = ? AND h.kind = ?", [
    objectId,
    ehrId,
    kind,
  ]);
}

function precondition(message: string, current: string): HttpFailure {
  return new HttpFailure(412, "version_conflict", `${message}; the latest version is ${current}: read it again and retry`, [current], {
    etag: `"${current}"`,
  });
}

/** Commits `changes` as one contribution; throws (rolling back) when any fails. */
export function applyChanges(
  db: ClinicalDb,
  ehrId: string,
  changes: readonly Change[],
  audit: Audit,
): { contribution: string; versions: Committed[] } {
  const contribution = randomUUID();
  const time = new Date().toISOString();
  const versions: Committed[] = [];
  const seen = new Set<string>();
  for (const [i, change] of changes.entries()) {
    const where = changes.length > 1 ? `versions[${i}]: ` : "";
    let objectId = change.objectId;
    let n = 1;
    let previous: Row | undefined;
    if (objectId === undefined) {
      objectId = randomUUID();
      db.run("INSERT INTO head (object_id, ehr_id, kind, vid, time_created) VALUES (?, ?, ?, 0, ?)", [objectId, ehrId, change.kind, time]);
    } else {
      if (seen.has(objectId)) throw new HttpFailure(400, "invalid_contribution", `${where}a contribution may change ${objectId} only once`);
      previous = head(db, ehrId, objectId, change.kind);
      if (previous === undefined) throw new HttpFailure(404, "not_found", `${where}no ${change.kind} ${objectId} in EHR ${ehrId}`);
      const current = String(previous.uid);
      if (change.precedingUid === undefined) throw precondition(`${where}send If-Match with the version you read`, current);
      if (change.precedingUid !== current) throw precondition(`${where}If-Match ${change.precedingUid} is not the latest version`, current);
      if (previous.lifecycle === "523") throw new HttpFailure(404, "deleted", `${where}${objectId} was deleted (version ${current})`);
      n = Number(previous.n) + 1;
    }
    seen.add(objectId);
    const uid = versionUid(objectId, n);
    const body = change.deleted === true ? undefined : change.body?.(uid);
    const vid = db.run(
      `INSERT INTO version (object_id, n, uid, ehr_id, kind, time_committed, contribution, lifecycle, audit, format, template_id, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        objectId,
        n,
        uid,
        ehrId,
        change.kind,
        time,
        contribution,
        change.deleted === true ? "523" : change.lifecycle,
        JSON.stringify(change.audit),
        change.format,
        change.templateId ?? null,
        body === undefined ? null : JSON.stringify(body),
      ],
    );
    db.run("UPDATE head SET vid = ? WHERE object_id = ?", [vid, objectId]);
    if (previous !== undefined && change.kind === "composition") dropIndex(db, Number(previous.id));
    if (body !== undefined && change.kind === "composition") {
      if (change.format === "canonical") indexComposition(db, vid, ehrId, body);
      else indexRootOnly(db, vid, ehrId, change.rootArchetype ?? "");
    }
    versions.push({ objectId, n, uid, vid, time, body });
  }
  const record = contributionJson(
    contribution,
    versions.map((v) => v.uid),
    audit,
    time,
  );
  db.run("INSERT INTO contribution (uid, ehr_id, body) VALUES (?, ?, ?)", [contribution, ehrId, JSON.stringify(record)]);
  return { contribution, versions };
}

function codedText(value: string, code: string): JsonObject {
  return {
    _type: "DV_CODED_TEXT",
    value,
    defining_code: { _type: "CODE_PHRASE", terminology_id: { _type: "TERMINOLOGY_ID", value: "openehr" }, code_string: code },
  };
}

/** AUDIT_DETAILS for a stored audit. */
export function auditJson(audit: Audit, time: string): JsonObject {
  return {
    _type: "AUDIT_DETAILS",
    system_id: SYSTEM_ID,
    time_committed: { _type: "DV_DATE_TIME", value: time },
    change_type: codedText(CHANGE_TYPES[audit.changeType] ?? "unknown", audit.changeType),
    committer: { _type: "PARTY_IDENTIFIED", name: audit.committer },
    ...(audit.description === undefined ? {} : { description: { _type: "DV_TEXT", value: audit.description } }),
  };
}

function contributionJson(uid: string, versionUids: readonly string[], audit: Audit, time: string): JsonObject {
  return {
    _type: "CONTRIBUTION",
    uid: { _type: "HIER_OBJECT_ID", value: uid },
    versions: versionUids.map((value) => ({ id: { _type: "OBJECT_VERSION_ID", value }, namespace: "local", type: "VERSION" })),
    audit: auditJson(audit, time),
  };
}

/** A stored version as an ORIGINAL_VERSION. */
export function originalVersionJson(row: Row): JsonObject {
  const n = Number(row.n);
  const audit = JSON.parse(String(row.audit)) as Audit;
  return {
    _type: "ORIGINAL_VERSION",
    uid: { _type: "OBJECT_VERSION_ID", value: String(row.uid) },
    ...(n > 1 ? { preceding_version_uid: { _type: "OBJECT_VERSION_ID", value: versionUid(String(row.object_id), n - 1) } } : {}),
    contribution: { id: { _type: "HIER_OBJECT_ID", value: String(row.contribution) }, namespace: "local", type: "CONTRIBUTION" },
    commit_audit: auditJson(audit, String(row.time_committed)),
    lifecycle_state: codedText(LIFECYCLES[String(row.lifecycle)] ?? "complete", String(row.lifecycle)),
    ...(row.body === null ? {} : { data: JSON.parse(String(row.body)) as Json }),
  };
}

/** Every version of an object, oldest first. */
export function history(db: ClinicalDb, ehrId: string, objectId: string, kind: string): Row[] {
  return db.all("SELECT * FROM version WHERE object_id = ? AND ehr_id = ? AND kind = ? ORDER BY n", [objectId, ehrId, kind]);
}

/** The version that was the latest at `time` (ISO 8601), or undefined. */
export function versionAt(db: ClinicalDb, ehrId: string, objectId: string, kind: string, time: string): Row | undefined {
  const at = Date.parse(time);
  return history(db, ehrId, objectId, kind)
    .filter((row) => Date.parse(String(row.time_committed)) <= at)
    .at(-1);
}
