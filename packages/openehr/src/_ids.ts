// Internal: checks the ids a call puts into a URL before any request, so a
// malformed id is refused with the argument's name instead of reaching the
// server (or another path: ids are URL-encoded as well).
import { UUID_PATTERN as UUID } from "@cadasto/core";
import { invalid } from "./_invalid.ts";

const VERSION = /^[1-9][0-9]*$/;

/** A checked version uid: `{object_id}::{creating_system_id}::{version}`. */
export interface VersionUid {
  readonly uid: string;
  readonly objectId: string;
  readonly systemId: string;
  readonly version: number;
}

function show(value: unknown): string {
  return typeof value === "string" ? `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"` : typeof value;
}

/** An EHR id (`ehr_id.value`): a UUID. */
export function checkEhrId(value: unknown, field = "ehrId"): string {
  if (typeof value === "string" && UUID.test(value)) return value;
  throw invalid(
    field,
    `${field} ${show(value)} is not an EHR id: pass the UUID from ehrs.create() or ehrs.findBySubject() (8-4-4-4-12 hex digits).`,
  );
}

/** A versioned object id (a composition's `uid` without `::system::version`): a UUID. */
export function checkObjectId(value: unknown, field = "objectId"): string {
  if (typeof value === "string" && UUID.test(value)) return value;
  const hint =
    typeof value === "string" && value.includes("::") ? " (this looks like a version uid: pass only the part before the first ::)" : "";
  throw invalid(field, `${field} ${show(value)} is not a versioned object id: pass the UUID that starts a composition's uid${hint}.`);
}

/** A version uid: three `::`-separated parts, a UUID, a system id and a version number. */
export function parseVersionUid(value: unknown, field = "versionUid"): VersionUid {
  const parts = typeof value === "string" ? value.split("::") : [];
  const [objectId = "", systemId = "", version = ""] = parts;
  if (parts.length === 3 && UUID.test(objectId) && systemId.trim() !== "" && VERSION.test(version)) {
    return { uid: value as string, objectId, systemId, version: Number(version) };
  }
  const why =
    parts.length !== 3
      ? `it has ${parts.length} part${parts.length === 1 ? "" : "s"}, a version uid has three`
      : !UUID.test(objectId)
        ? "its first part is not a UUID"
        : systemId.trim() === ""
          ? "its system id (second part) is empty"
          : "its version (third part) is not a positive whole number";
  throw invalid(
    field,
    `${field} ${show(value)} is not a version uid (${why}): pass {object_id}::{system_id}::{version}, e.g. the uid a write returned.`,
  );
}

/** A composition id for a read: a versioned object id (the latest version) or a full version uid. */
export function checkCompositionId(value: unknown, field = "id"): string {
  if (typeof value === "string" && value.includes("::")) return parseVersionUid(value, field).uid;
  return checkObjectId(value, field);
}

/** A contribution uid: a UUID. */
export function checkContributionUid(value: unknown, field = "uid"): string {
  if (typeof value === "string" && UUID.test(value)) return value;
  throw invalid(field, `${field} ${show(value)} is not a contribution uid: pass the UUID contributions.commit() returned.`);
}
