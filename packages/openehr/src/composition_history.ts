import { RestClientError } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId, checkObjectId } from "./_ids.ts";
import { idValue, readJson } from "./_response.ts";

/**
 * One entry of a composition's revision history: a version and its audit.
 *
 * @example Print who changed what when
 * ```ts
 * import type { RevisionHistoryItem } from "@cadasto/openehr";
 * declare const items: readonly RevisionHistoryItem[];
 * for (const item of items) console.log(item.uid, item.changeType, item.committer, item.timeCommitted);
 * ```
 */
export interface RevisionHistoryItem {
  /** The version uid. */
  readonly uid: string;
  /** When it was committed (ISO 8601), as the server says. */
  readonly timeCommitted: string | undefined;
  /** The change type's text (`creation`, `modification`, `deleted`, …) or code. */
  readonly changeType: string | undefined;
  /** The committer's name. */
  readonly committer: string | undefined;
  /** The audit's description. */
  readonly description: string | undefined;
  /** The REVISION_HISTORY_ITEM as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** `compositions.history()`: `GET /ehr/{ehr_id}/versioned_composition/{object_id}/revision_history`. */
export async function compositionHistory(
  api: RestClient,
  ehrId: string,
  objectId: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<RevisionHistoryItem[]> {
  const segments = ["ehr", checkEhrId(ehrId), "versioned_composition", checkObjectId(objectId), "revision_history"];
  const response = await api.request("GET", segments, { headers: { accept: "application/json" }, signal: options.signal });
  const body = await readJson(response, "GET");
  // REVISION_HISTORY is { items: [...] }; some servers answer the array itself.
  const items = Array.isArray(body) ? body : (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) {
    throw new RestClientError("invalid_response", `GET ${response.url} answered without revision history items.`, {
      method: "GET",
      url: response.url,
    });
  }
  return items.map((entry: unknown) => {
    const item = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
    const audits = Array.isArray(item.audits) ? item.audits : [];
    const audit = (audits[0] ?? {}) as Record<string, unknown>;
    const change = audit.change_type as { value?: unknown; defining_code?: { code_string?: unknown } } | undefined;
    const changeType = typeof change?.value === "string" ? change.value : change?.defining_code?.code_string;
    const committer = (audit.committer as { name?: unknown } | undefined)?.name;
    return {
      uid: idValue(item, "version_id") ?? "",
      timeCommitted: idValue(audit, "time_committed"),
      changeType: typeof changeType === "string" ? changeType : undefined,
      committer: typeof committer === "string" ? committer : undefined,
      description: idValue(audit, "description"),
      raw: item,
    };
  });
}
