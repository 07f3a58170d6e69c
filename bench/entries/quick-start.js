// The README's quick start: discover, client credentials, authenticated fetch, templates upload and list.
import { authFetch, clientCredentials } from "@cadasto/auth";
import { discover, openEhrBaseUrl } from "@cadasto/discovery";
import { createTemplatesClient } from "@cadasto/templates";

export async function quickStart(authBaseUrl, clientId, clientSecret, opt) {
  const config = await discover(authBaseUrl);
  const apiBaseUrl = openEhrBaseUrl(config);
  const auth = clientCredentials({ discovery: config, clientId, clientSecret, audience: apiBaseUrl });
  const fetchWithToken = authFetch(auth);
  const templates = createTemplatesClient({ baseUrl: apiBaseUrl, auth });
  await templates.upload(opt);
  return [await templates.list(), fetchWithToken];
}
