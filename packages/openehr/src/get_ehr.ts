import { RestClientError } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { toEhr } from "./_ehr_body.ts";
import { checkEhrId } from "./_ids.ts";
import { readJson } from "./_response.ts";
import type { Ehr } from "./ehr.ts";

/** `ehrs.get()`: `GET /ehr/{ehr_id}`. */
export async function getEhr(api: RestClient, ehrId: string, options: { signal?: AbortSignal | undefined } = {}): Promise<Ehr> {
  const id = checkEhrId(ehrId);
  const response = await api.request("GET", ["ehr", id], { headers: { accept: "application/json" }, signal: options.signal });
  return readEhr(response, id);
}

/** Reads a `GET /ehr…` answer. */
export async function readEhr(response: Response, fallbackEhrId: string | undefined): Promise<Ehr> {
  const ehr = toEhr(await readJson(response, "GET"), fallbackEhrId, undefined);
  if (ehr === undefined) {
    throw new RestClientError(
      "invalid_response",
      `GET ${response.url} answered without an ehr_id: check the base URL points at an openEHR API.`,
      {
        method: "GET",
        url: response.url,
      },
    );
  }
  return ehr;
}
