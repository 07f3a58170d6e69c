// @cadasto/discovery: read the SMART configuration and the openEHR base URL.
import { discover, openEhrBaseUrl } from "@cadasto/discovery";

export async function urls(authBaseUrl) {
  const config = await discover(authBaseUrl);
  return { tokenEndpoint: config.token_endpoint, apiBaseUrl: openEhrBaseUrl(config) };
}
