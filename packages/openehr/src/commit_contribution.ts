import { parseLocation, prefer } from "@cadasto/rest";
import { checkTemplateId, compositionBody } from "./_composition_body.ts";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId, parseVersionUid } from "./_ids.ts";
import { invalid } from "./_invalid.ts";
import { readJson } from "./_response.ts";
import { CHANGE_TYPE, lifecycleCode } from "./_write_headers.ts";
import type { Composition } from "./composition_format.ts";
import { type Contribution, toContribution } from "./get_contribution.ts";
import type { AuditDetails, LifecycleState } from "./write_options.ts";

/**
 * One composition version of a contribution: a new composition, a new
 * version of an existing one (`precedingVersionUid`), or a deletion.
 *
 * @example A new composition pinned to a template version
 * ```ts
 * import type { ContributionVersion } from "@cadasto/openehr";
 * declare const composition: Record<string, unknown>;
 * const version: ContributionVersion = { composition, templateId: "minimal_evaluation.en.v1::0c05260d-421a-402e-bc65-dc8e3cc529a8" };
 * console.log(version.templateId);
 * ```
 */
export interface ContributionVersion {
  /** The composition (canonical JSON). */
  readonly composition: Composition;
  /** The template or template version, set on a copy as for `compositions.create()`. */
  readonly templateId?: string | undefined;
  /** The version this one replaces: for an update or a deletion. */
  readonly precedingVersionUid?: string | undefined;
  /** `creation` (default without `precedingVersionUid`), `modification` (default with it) or `deleted`. */
  readonly changeType?: "creation" | "modification" | "deleted" | undefined;
  /** The version's lifecycle state; default `complete`. */
  readonly lifecycleState?: LifecycleState | undefined;
  /** This version's own audit description. */
  readonly description?: string | undefined;
}

/**
 * What {@linkcode ContributionsApi.commit} sends: the versions, committed
 * together or not at all, and who commits them.
 *
 * @example Two compositions in one change
 * ```ts
 * import type { CommitContribution } from "@cadasto/openehr";
 * declare const first: Record<string, unknown>;
 * declare const second: Record<string, unknown>;
 * const change: CommitContribution = { versions: [{ composition: first }, { composition: second }], audit: { committer: "lab-import" } };
 * console.log(change.versions.length);
 * ```
 */
export interface CommitContribution {
  /** At least one version. */
  readonly versions: readonly ContributionVersion[];
  /** The contribution's audit: the committer (required by openEHR) and a description. */
  readonly audit: AuditDetails & { readonly committer: string };
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

function codeText(code: string, terminology = "openehr"): Record<string, unknown> {
  const value = Object.entries({ ...CHANGE_TYPE, complete: "532", incomplete: "553" }).find(([, c]) => c === code)?.[0] ?? code;
  return {
    _type: "DV_CODED_TEXT",
    value,
    defining_code: { _type: "CODE_PHRASE", terminology_id: { _type: "TERMINOLOGY_ID", value: terminology }, code_string: code },
  };
}

function auditDetails(committer: string, changeType: string, description: string | undefined): Record<string, unknown> {
  return {
    _type: "AUDIT_DETAILS",
    change_type: codeText(changeType),
    committer: { _type: "PARTY_IDENTIFIED", name: committer },
    ...(description === undefined ? {} : { description: { _type: "DV_TEXT", value: description } }),
  };
}

/** `contributions.commit()`: `POST /ehr/{ehr_id}/contribution`. */
export async function commitContribution(api: RestClient, ehrId: string, change: CommitContribution): Promise<Contribution> {
  const id = checkEhrId(ehrId);
  const committer = change?.audit?.committer;
  if (typeof committer !== "string" || committer.trim() === "") {
    throw invalid("change.audit.committer", "change.audit.committer is required: name who (or which system) commits the change.");
  }
  if (!Array.isArray(change.versions) || change.versions.length === 0) {
    throw invalid("change.versions", "change.versions must list at least one version.");
  }
  const versions = change.versions.map((version, index) => {
    const field = `change.versions[${index}]`;
    const preceding =
      version.precedingVersionUid === undefined ? undefined : parseVersionUid(version.precedingVersionUid, `${field}.precedingVersionUid`);
    const kind = version.changeType ?? (preceding === undefined ? "creation" : "modification");
    const changeType = (CHANGE_TYPE as Record<string, string | undefined>)[kind];
    if (changeType === undefined)
      throw invalid(`${field}.changeType`, `${field}.changeType must be "creation", "modification" or "deleted".`);
    if (kind !== "creation" && preceding === undefined)
      throw invalid(`${field}.precedingVersionUid`, `A ${kind} needs ${field}.precedingVersionUid.`);
    const templateId = version.templateId === undefined ? undefined : checkTemplateId(version.templateId, `${field}.templateId`);
    const data = JSON.parse(compositionBody(version.composition, "canonical", templateId).body) as Composition;
    const lifecycle = lifecycleCode(version.lifecycleState ?? (kind === "deleted" ? "deleted" : "complete"), `${field}.lifecycleState`);
    return {
      _type: "ORIGINAL_VERSION",
      commit_audit: auditDetails(committer, changeType, version.description),
      ...(preceding === undefined ? {} : { preceding_version_uid: { _type: "OBJECT_VERSION_ID", value: preceding.uid } }),
      lifecycle_state: codeText(lifecycle),
      data,
    };
  });
  const response = await api.request("POST", ["ehr", id, "contribution"], {
    headers: { prefer: prefer("representation"), accept: "application/json" },
    json: { versions, audit: auditDetails(committer, CHANGE_TYPE.creation, change.audit.description) },
    signal: change.signal,
  });
  const location = parseLocation(response.headers.get("location"), response.url);
  return toContribution(await readJson(response, "POST"), response, location?.lastSegment);
}
