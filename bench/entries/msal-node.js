// @azure/msal-node (node only): ConfidentialClientApplication client credentials.
import { ConfidentialClientApplication } from "@azure/msal-node";

export async function token(authority, clientId, clientSecret, scopes) {
  const app = new ConfidentialClientApplication({ auth: { clientId, clientSecret, authority } });
  return (await app.acquireTokenByClientCredential({ scopes }))?.accessToken;
}
