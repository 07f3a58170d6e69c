import { isApiError } from "@cadasto/rest";
import type { RestClient } from "@cadasto/rest";
import { invalid } from "./_invalid.ts";
import type { Ehr, EhrSubject } from "./ehr.ts";
import { readEhr } from "./get_ehr.ts";

/** `ehrs.findBySubject()`: `GET /ehr?subject_id=…&subject_namespace=…`; `undefined` on a 404. */
export async function findEhrBySubject(
  api: RestClient,
  subject: EhrSubject,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Ehr | undefined> {
  for (const key of ["id", "namespace"] as const) {
    const value = (subject as Partial<EhrSubject> | undefined)?.[key];
    if (typeof value !== "string" || value.trim() === "") throw invalid(`subject.${key}`, `subject.${key} must be a non-empty string.`);
  }
  try {
    const response = await api.request("GET", ["ehr"], {
      query: { subject_id: subject.id, subject_namespace: subject.namespace },
      headers: { accept: "application/json" },
      signal: options.signal,
    });
    return await readEhr(response, undefined);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return undefined;
    throw error;
  }
}
