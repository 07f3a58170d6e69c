import { CADASTO_ENVIRONMENTS, CADASTO_HOST_LABELS, type CadastoEnvironment as CoreEnvironment, isCadastoEnvironment } from "@cadasto/core";
import { DiscoveryError } from "./errors.ts";

/**
 * A Cadasto environment. Only `production` hosts are documented by Cadasto;
 * the `acceptation` (`acc`) and `development` (`dev`) host labels are
 * inferred from them — override with `hostLabel` when yours differ.
 *
 * @example Read the environment from CADASTO_ENVIRONMENT
 * ```ts
 * import type { CadastoEnvironment } from "@cadasto/discovery";
 * declare const fromEnv: string | undefined;
 * const environment = (fromEnv ?? "production") as CadastoEnvironment;
 * console.log(environment);
 * ```
 */
export type CadastoEnvironment = CoreEnvironment;

/**
 * Options of {@linkcode cadastoUrls}.
 *
 * @example An acceptation tenant whose hosts use another label
 * ```ts
 * import { type CadastoUrlsOptions, cadastoUrls } from "@cadasto/discovery";
 * const options: CadastoUrlsOptions = { tenant: "acme", environment: "acceptation", hostLabel: "test" };
 * console.log(cadastoUrls(options).authBaseUrl); // https://acme.auth.test.cadasto.io
 * ```
 */
export interface CadastoUrlsOptions {
  /** Your tenant: one DNS label (letters, digits, hyphens; 1–63 characters; no hyphen at either end). */
  tenant: string;
  /** Default `"production"`. */
  environment?: CadastoEnvironment;
  /**
   * The environment's label in the host names, overriding the default
   * (`prod`, and the inferred `acc` and `dev`). One DNS label.
   */
  hostLabel?: string;
}

/**
 * The two base URLs of a Cadasto tenant.
 *
 * @example Pass them on
 * ```ts
 * import { type CadastoUrls, cadastoUrls } from "@cadasto/discovery";
 * const urls: CadastoUrls = cadastoUrls({ tenant: "acme" });
 * console.log(urls.authBaseUrl, urls.apiBaseUrl);
 * ```
 */
export interface CadastoUrls {
  /** e.g. `"https://acme.auth.prod.cadasto.io"`: give it to {@linkcode discover}. */
  readonly authBaseUrl: string;
  /** e.g. `"https://acme.api.prod.cadasto.io/openehr/v1"`: the openEHR REST base URL and the token audience. */
  readonly apiBaseUrl: string;
}

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The auth and openEHR API base URLs of a Cadasto tenant:
 * `https://<tenant>.auth.<label>.cadasto.io` and
 * `https://<tenant>.api.<label>.cadasto.io/openehr/v1`, where the label is
 * `prod` (documented), `acc` or `dev` (inferred: an assumption, override it
 * with `hostLabel`). Makes no request. Upper-case letters are lowered.
 *
 * @param options `tenant`, `environment` (default production), `hostLabel`.
 * @returns `{ authBaseUrl, apiBaseUrl }`.
 * @throws {DiscoveryError} `invalid_tenant` when the tenant is not one DNS
 *   label; `invalid_environment` for an unknown environment or a bad `hostLabel`.
 *
 * @example Discover a production tenant
 * ```ts
 * import { cadastoUrls, discover } from "@cadasto/discovery";
 * const { authBaseUrl } = cadastoUrls({ tenant: "acme" });
 * const config = await discover(authBaseUrl);
 * console.log(config.token_endpoint);
 * ```
 */
export function cadastoUrls(options: CadastoUrlsOptions): CadastoUrls {
  if (typeof options !== "object" || options === null) {
    throw new DiscoveryError("invalid_tenant", 'cadastoUrls() needs an object such as { tenant: "acme", environment: "production" }.');
  }
  const tenant = checkLabel(options.tenant, "tenant", "invalid_tenant");
  const environment = options.environment ?? "production";
  if (!isCadastoEnvironment(environment)) {
    throw new DiscoveryError(
      "invalid_environment",
      `environment must be one of ${CADASTO_ENVIRONMENTS.join(", ")}, got ${JSON.stringify(environment)}.`,
    );
  }
  const label =
    options.hostLabel === undefined ? CADASTO_HOST_LABELS[environment] : checkLabel(options.hostLabel, "hostLabel", "invalid_environment");
  return {
    authBaseUrl: `https://${tenant}.auth.${label}.cadasto.io`,
    apiBaseUrl: `https://${tenant}.api.${label}.cadasto.io/openehr/v1`,
  };
}

function checkLabel(value: unknown, field: string, code: "invalid_tenant" | "invalid_environment"): string {
  if (typeof value !== "string" || value === "") {
    throw new DiscoveryError(code, `${field} must be a non-empty DNS label such as "acme", got ${value === "" ? '""' : typeof value}.`);
  }
  const label = value.toLowerCase();
  if (!DNS_LABEL.test(label)) {
    const why =
      label.length > 63
        ? `is ${label.length} characters long (at most 63)`
        : /^-|-$/.test(label)
          ? "starts or ends with a hyphen"
          : "may hold only letters a–z, digits and hyphens (no dots, spaces or other characters)";
    throw new DiscoveryError(code, `${field} ${JSON.stringify(value)} is not a DNS label: it ${why}.`);
  }
  return label;
}
