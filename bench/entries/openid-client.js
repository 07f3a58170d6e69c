// openid-client: the client credentials grant with client_secret_basic (no discovery, like auth-token).
import { ClientSecretBasic, Configuration, clientCredentialsGrant } from "openid-client";

export async function token(tokenEndpoint, clientId, clientSecret, audience) {
  const config = new Configuration(
    { issuer: new URL(tokenEndpoint).origin, token_endpoint: tokenEndpoint },
    clientId,
    {},
    ClientSecretBasic(clientSecret),
  );
  return (await clientCredentialsGrant(config, { audience })).access_token;
}
