// @cadasto/templates client: upload and list templates (auth passed in by the caller).
import { createTemplatesClient } from "@cadasto/templates";

export async function uploadAndList(baseUrl, auth, opt) {
  const templates = createTemplatesClient({ baseUrl, auth });
  await templates.upload(opt);
  return templates.list();
}
