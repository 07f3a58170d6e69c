// simple-oauth2 (node only): ClientCredentials.
import { ClientCredentials } from "simple-oauth2";

export async function token(tokenHost, clientId, clientSecret, audience) {
  const client = new ClientCredentials({ client: { id: clientId, secret: clientSecret }, auth: { tokenHost } });
  return (await client.getToken({ audience })).token.access_token;
}
