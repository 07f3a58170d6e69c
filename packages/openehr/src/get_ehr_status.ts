import { parseEtag, RestClientError } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { checkEhrId } from "./_ids.ts";
import { idValue, readJson } from "./_response.ts";
import type { EhrStatus, EhrStatusVersion } from "./ehr.ts";

/** `ehrs.status.get()`: `GET /ehr/{ehr_id}/ehr_status`. */
export async function getEhrStatus(
  api: RestClient,
  ehrId: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<EhrStatusVersion> {
  const id = checkEhrId(ehrId);
  const response = await api.request("GET", ["ehr", id, "ehr_status"], { headers: { accept: "application/json" }, signal: options.signal });
  const status = await readJson(response, "GET");
  const etag = response.headers.get("etag") ?? undefined;
  const uid = idValue(status, "uid") ?? parseEtag(etag)?.value;
  if (typeof status !== "object" || status === null || uid === undefined) {
    throw new RestClientError("invalid_response", `GET ${response.url} answered without an EHR_STATUS and its version uid.`, {
      method: "GET",
      url: response.url,
    });
  }
  return { status: status as EhrStatus, uid, etag };
}
