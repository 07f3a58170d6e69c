// @cadasto/openehr client: commit a composition pinned to a template version, query with aql`…` (auth passed in by the caller).
import { aql, createOpenEhrClient } from "@cadasto/openehr";

export async function commitAndQuery(baseUrl, auth, ehrId, composition, templateId) {
  const client = createOpenEhrClient({ baseUrl, auth });
  await client.compositions.create(ehrId, composition, { templateId });
  const rows = [];
  for await (const row of client.query.rows(
    aql`SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId}`,
  ))
    rows.push(row);
  return rows;
}
