import * as v from "valibot";
import { INSECURE_MESSAGE, isSecureUrlText, urlFormProblem } from "./_url.ts";

/**
 * One entry of the `services` map (the openEHR SMART extension): where a
 * service lives. Unknown fields are kept.
 *
 * @example Read a service's base URL
 * ```ts
 * import type { SmartService } from "@cadasto/discovery";
 * declare const service: SmartService;
 * console.log(service.baseUrl ?? "no baseUrl advertised");
 * ```
 */
export interface SmartService {
  /** The service's base URL (https, or http on a loopback host). */
  readonly baseUrl?: string;
  /** Fields this package does not know, kept as they came. */
  readonly [key: string]: unknown;
}

/**
 * A SMART configuration (`/.well-known/smart-configuration`) as validated by
 * {@linkcode SmartConfigurationSchema}: only `token_endpoint` is required
 * (Cadasto's documented body has just four fields); every field that is
 * present has been checked, and unknown fields are kept.
 *
 * @example Pick the client authentication method
 * ```ts
 * import type { SmartConfiguration } from "@cadasto/discovery";
 * declare const config: SmartConfiguration;
 * const methods = config.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
 * console.log(methods.includes("client_secret_basic") ? "basic" : "post");
 * ```
 */
export interface SmartConfiguration {
  /** Where to request tokens; on the document's origin unless allowed otherwise. */
  readonly token_endpoint: string;
  /** The authorization server's issuer identifier. */
  readonly issuer?: string;
  /** Where interactive (authorization code) flows start. */
  readonly authorization_endpoint?: string;
  /** The server's JSON Web Key Set. */
  readonly jwks_uri?: string;
  /** RFC 7591 dynamic client registration. */
  readonly registration_endpoint?: string;
  /** RFC 7662 token introspection. */
  readonly introspection_endpoint?: string;
  /** RFC 7009 token revocation. */
  readonly revocation_endpoint?: string;
  /** SMART's user-facing management page. */
  readonly management_endpoint?: string;
  /** OpenID Connect userinfo. */
  readonly userinfo_endpoint?: string;
  /** e.g. `["client_credentials"]`. */
  readonly grant_types_supported?: readonly string[];
  /** e.g. `["api.read", "api.write"]`. */
  readonly scopes_supported?: readonly string[];
  /** e.g. `["client_secret_basic", "client_secret_post"]`. */
  readonly token_endpoint_auth_methods_supported?: readonly string[];
  /** SMART capabilities, e.g. `["client-confidential-symmetric"]`. */
  readonly capabilities?: readonly string[];
  /** e.g. `["code"]`. */
  readonly response_types_supported?: readonly string[];
  /** e.g. `["S256"]`. */
  readonly code_challenge_methods_supported?: readonly string[];
  /** Services keyed by reverse-domain id, e.g. `"org.openehr.rest"`. */
  readonly services?: { readonly [id: string]: SmartService };
  /** Fields this package does not know, kept as they came. */
  readonly [key: string]: unknown;
}

/** A URL in the document: its form, then the https rule (discover() tells that issue by isSecureUrlText). */
const ENDPOINT = v.pipe(
  v.string("must be a string holding an absolute https URL"),
  // The message is made only when the check failed, so there is a problem to name.
  v.check(
    (value) => urlFormProblem(value) === undefined,
    (issue) => urlFormProblem(issue.input) as string,
  ),
  v.check(isSecureUrlText, (issue) => `${JSON.stringify(issue.input)} ${INSECURE_MESSAGE}`),
);
const OPTIONAL_ENDPOINT = v.exactOptional(ENDPOINT);

const STRINGS = v.exactOptional(v.array(v.string("must be a string"), "must be an array of strings"));

/**
 * The valibot schema of a SMART configuration document: lenient on which
 * fields are present (only `token_endpoint` is required), strict on the
 * values that are there (URLs parse, use https — http only for loopback
 * hosts —, carry no credentials or fragment; lists hold strings; each
 * `services` entry is an object whose optional `baseUrl` is such a URL).
 * Unknown fields are kept. It does not know where the document came from, so
 * the token endpoint's origin is checked by {@linkcode discover}, not here.
 *
 * @example Validate a document you already have
 * ```ts
 * import { SmartConfigurationSchema } from "@cadasto/discovery";
 * import * as v from "valibot";
 * const result = v.safeParse(SmartConfigurationSchema, {
 *   token_endpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   grant_types_supported: ["client_credentials"],
 * });
 * console.log(result.success ? result.output.token_endpoint : v.flatten(result.issues));
 * ```
 */
export const SmartConfigurationSchema: v.GenericSchema<unknown, SmartConfiguration> = v.looseObject(
  {
    token_endpoint: ENDPOINT,
    issuer: OPTIONAL_ENDPOINT,
    authorization_endpoint: OPTIONAL_ENDPOINT,
    jwks_uri: OPTIONAL_ENDPOINT,
    registration_endpoint: OPTIONAL_ENDPOINT,
    introspection_endpoint: OPTIONAL_ENDPOINT,
    revocation_endpoint: OPTIONAL_ENDPOINT,
    management_endpoint: OPTIONAL_ENDPOINT,
    userinfo_endpoint: OPTIONAL_ENDPOINT,
    grant_types_supported: STRINGS,
    scopes_supported: STRINGS,
    token_endpoint_auth_methods_supported: STRINGS,
    capabilities: STRINGS,
    response_types_supported: STRINGS,
    code_challenge_methods_supported: STRINGS,
    services: v.exactOptional(
      v.record(
        v.string(),
        v.looseObject({ baseUrl: OPTIONAL_ENDPOINT }, 'must be an object such as { "baseUrl": "https://…" }'),
        "must be an object keyed by reverse-domain service id",
      ),
    ),
  },
  (issue) => (issue.expected?.startsWith('"') ? "is required: the URL where tokens are requested" : "must be a JSON object"),
);
