/**
 * OAuth 2.0 client credentials for Cadasto on oauth4webapi: cached,
 * renewed-ahead tokens, one token request for any number of callers,
 * authenticated fetch and ky hooks.
 *
 * @example Call the API with a token that renews itself
 * ```ts
 * import { authFetch, clientCredentials } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   scope: ["api.read"],
 * });
 * const fetchWithAuth = authFetch(tokens);
 * const response = await fetchWithAuth("https://acme.api.prod.cadasto.io/openehr/v1/definition/template/adl1.4");
 * console.log(response.status);
 * ```
 *
 * @module
 */

export type { AccessToken } from "./access_token.ts";
export { clientCredentials } from "./client_credentials.ts";
export type { ClientCredentialsOptions, TokenEndpointDiscovery } from "./client_credentials_options.ts";
export { CadastoEnvError, type CadastoEnvProblem, isCadastoEnvError } from "./cadasto_env_error.ts";
export {
  CADASTO_ENV_VARIABLES,
  type CadastoEnv,
  type CadastoEnvCredentials,
  type CadastoFromEnvOptions,
  cadastoFromEnv,
} from "./cadasto_from_env.ts";
export { CredentialError, isCredentialError } from "./credential_error.ts";
export {
  type GeneratedSigningKey,
  type GenerateSigningKeyOptions,
  generateSigningKey,
  type PublicSigningJwk,
} from "./generate_signing_key.ts";
export type { SecretProvider } from "./secret_provider.ts";
export type { KeyProvider, PrivateKeyInput, SigningAlgorithm, SigningKey } from "./signing_key.ts";
export {
  AuthError,
  AuthOptionsError,
  type CredentialReread,
  isAuthError,
  isAuthOptionsError,
  isOAuthError,
  isTokenEndpointError,
  OAuthError,
  type OAuthErrorCode,
  type OAuthErrorInit,
  TokenEndpointError,
  type TokenEndpointErrorCode,
  type TokenEndpointErrorInit,
} from "./errors.ts";
export type { GetTokenOptions, TokenSource } from "./token_source.ts";
export { memoryTokenStore, type StoredToken, type TokenLease, type TokenStore } from "./token_store.ts";
export type { AuthEvent, AuthEventBase, TokenKeyInfo, TokenPolicyOptions } from "./events.ts";
export { authFetch } from "./auth_fetch.ts";
export { type KyAuthHooks, kyAuthHooks } from "./ky_auth_hooks.ts";
