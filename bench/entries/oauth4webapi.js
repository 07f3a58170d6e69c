// oauth4webapi alone: the client credentials grant with client_secret_basic.
import { ClientSecretBasic, clientCredentialsGrantRequest, processClientCredentialsResponse } from "oauth4webapi";

export async function token(tokenEndpoint, clientId, clientSecret, audience) {
  const as = { issuer: new URL(tokenEndpoint).origin, token_endpoint: tokenEndpoint };
  const client = { client_id: clientId };
  const params = new URLSearchParams({ audience });
  const response = await clientCredentialsGrantRequest(as, client, ClientSecretBasic(clientSecret), params);
  return (await processClientCredentialsResponse(as, client, response)).access_token;
}
