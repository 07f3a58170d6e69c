// The README's quick start ("In your own code"), call for call: discover, client credentials,
// the templates client, upload, then the template's versions.
import { clientCredentials } from "@cadasto/auth";
import { discover, openEhrBaseUrl } from "@cadasto/discovery";
import { createTemplatesClient } from "@cadasto/templates";

export async function quickStart(authBaseUrl, clientId, clientSecret, opt) {
  const config = await discover(authBaseUrl);
  const apiBaseUrl = openEhrBaseUrl(config);
  const auth = clientCredentials({ discovery: config, clientId, clientSecret, audience: apiBaseUrl });
  const templates = createTemplatesClient({ baseUrl: apiBaseUrl, auth });
  const uploaded = await templates.upload(opt);
  return [uploaded.versionId, await templates.versions(uploaded.templateId)];
}
