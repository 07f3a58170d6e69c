import { parseLocation, RestClientError } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { subjectStatus, toEhr } from "./_ehr_body.ts";
import { checkEhrId } from "./_ids.ts";
import { invalid } from "./_invalid.ts";
import { readJson } from "./_response.ts";
import type { CreateEhrOptions, Ehr } from "./ehr.ts";

/** `ehrs.create()`: `POST /ehr`, or `PUT /ehr/{ehr_id}` with the caller's id; asks for the representation. */
export async function createEhr(api: RestClient, options: CreateEhrOptions = {}): Promise<Ehr> {
  if (options.subject !== undefined && options.status !== undefined) {
    throw invalid("options.status", "Pass either options.subject or options.status (which may name the subject itself), not both.");
  }
  const status = options.subject !== undefined ? subjectStatus(options.subject) : options.status;
  if (status !== undefined && (typeof status !== "object" || status === null || Array.isArray(status))) {
    throw invalid("options.status", "options.status must be an EHR_STATUS object (canonical JSON).");
  }
  const ehrId = options.ehrId === undefined ? undefined : checkEhrId(options.ehrId, "options.ehrId");
  const method = ehrId === undefined ? "POST" : "PUT";
  const response = await api.request(method, ehrId === undefined ? ["ehr"] : ["ehr", ehrId], {
    headers: { prefer: "return=representation", accept: "application/json" },
    ...(status === undefined ? {} : { json: status }),
    signal: options.signal,
  });
  const location = parseLocation(response.headers.get("location"), response.url);
  const ehr = toEhr(await readJson(response, method), ehrId ?? location?.lastSegment, location?.url);
  if (ehr === undefined) {
    throw new RestClientError("invalid_response", `${method} ${response.url} created an EHR but named no ehr_id (body or Location).`, {
      method,
      url: response.url,
    });
  }
  return ehr;
}
