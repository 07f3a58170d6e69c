/**
 * The Cadasto environments, production first (the default wherever one is
 * optional). Only production hosts are documented by Cadasto; the
 * acceptation and development host labels are inferred (see
 * {@linkcode CADASTO_HOST_LABELS}).
 *
 * @example List them in a help text
 * ```ts
 * import { CADASTO_ENVIRONMENTS } from "@cadasto/core";
 * console.log(`--environment <${CADASTO_ENVIRONMENTS.join("|")}>`);
 * ```
 */
export const CADASTO_ENVIRONMENTS: readonly ["production", "acceptation", "development"] = ["production", "acceptation", "development"];

/**
 * One Cadasto environment: `"production"`, `"acceptation"` or `"development"`.
 *
 * @example Type a setting
 * ```ts
 * import type { CadastoEnvironment } from "@cadasto/core";
 * const environment: CadastoEnvironment = "acceptation";
 * console.log(environment);
 * ```
 */
export type CadastoEnvironment = (typeof CADASTO_ENVIRONMENTS)[number];

/**
 * Each environment's label in Cadasto's host names
 * (`https://<tenant>.auth.<label>.cadasto.io`): `prod` is documented, `acc`
 * and `dev` are an inference.
 *
 * @example Build a host name
 * ```ts
 * import { CADASTO_HOST_LABELS } from "@cadasto/core";
 * console.log(`acme.api.${CADASTO_HOST_LABELS.acceptation}.cadasto.io`); // acme.api.acc.cadasto.io
 * ```
 */
export const CADASTO_HOST_LABELS: Readonly<Record<CadastoEnvironment, string>> = /* @__PURE__ */ Object.freeze({
  production: "prod",
  acceptation: "acc",
  development: "dev",
});

/**
 * Whether `value` names a Cadasto environment (exactly, lower case).
 *
 * @param value Anything, e.g. `process.env.CADASTO_ENVIRONMENT`.
 * @returns `true` for `"production"`, `"acceptation"` or `"development"`.
 *
 * @example Check a setting before use
 * ```ts
 * import { isCadastoEnvironment } from "@cadasto/core";
 * const value: string = "staging";
 * console.log(isCadastoEnvironment(value) ? value : "not an environment");
 * ```
 */
export function isCadastoEnvironment(value: unknown): value is CadastoEnvironment {
  return typeof value === "string" && (CADASTO_ENVIRONMENTS as readonly string[]).includes(value);
}
