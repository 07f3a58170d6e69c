// Internal: the EHR_STATUS sent to create an EHR for a subject, and reading
// an EHR answer into an Ehr.
import { invalid } from "./_invalid.ts";
import { idValue } from "./_response.ts";
import type { Ehr, EhrStatus, EhrSubject } from "./ehr.ts";

function text(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") throw invalid(field, `${field} must be a non-empty string.`);
  return value;
}

/** An EHR_STATUS naming the subject. */
export function subjectStatus(subject: EhrSubject, field = "options.subject"): EhrStatus {
  if (typeof subject !== "object" || subject === null) throw invalid(field, `${field} must be { id, namespace }.`);
  return {
    _type: "EHR_STATUS",
    archetype_node_id: "openEHR-EHR-EHR_STATUS.generic.v1",
    name: { _type: "DV_TEXT", value: "EHR Status" },
    subject: {
      _type: "PARTY_SELF",
      external_ref: {
        _type: "PARTY_REF",
        id: { _type: "GENERIC_ID", value: text(subject.id, `${field}.id`), scheme: "id_scheme" },
        namespace: text(subject.namespace, `${field}.namespace`),
        type: "PERSON",
      },
    },
    is_queryable: true,
    is_modifiable: true,
  };
}

/** An EHR answer (the body, or just the headers for return=minimal). */
export function toEhr(body: unknown, fallbackEhrId: string | undefined, location: string | undefined): Ehr | undefined {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
  const ehrId = idValue(record, "ehr_id") ?? fallbackEhrId;
  if (ehrId === undefined) return undefined;
  const status = record?.ehr_status;
  return {
    ehrId,
    systemId: idValue(record, "system_id"),
    timeCreated: idValue(record, "time_created"),
    statusUid: idValue(status, "uid") ?? idValue(status, "id"),
    location,
    body: record,
  };
}
