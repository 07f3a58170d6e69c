// Token-only @cadasto/auth: a client-credentials token source and one token.
import { clientCredentials } from "@cadasto/auth";

export async function token(tokenEndpoint, clientId, clientSecret, audience) {
  const source = clientCredentials({ tokenEndpoint, clientId, clientSecret, audience });
  return (await source.getToken()).value;
}
