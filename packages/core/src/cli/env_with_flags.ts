/**
 * The environment with the command's flags on top: each flag given (not
 * undefined) overrides the variable it names, so one parser
 * (`@cadasto/auth`'s `cadastoFromEnv`) reads both.
 *
 * @param env The process's variables.
 * @param flags The variable each flag sets, e.g. `{ CADASTO_TENANT: values.tenant }`.
 * @returns A new record; `env` is not changed.
 *
 * @example --tenant over CADASTO_TENANT
 * ```ts
 * import { envWithFlags } from "@cadasto/core/cli";
 * console.log(envWithFlags({ CADASTO_TENANT: "acme" }, { CADASTO_TENANT: "beta", CADASTO_SCOPE: undefined }).CADASTO_TENANT); // "beta"
 * ```
 */
export function envWithFlags(
  env: Readonly<Record<string, string | undefined>>,
  flags: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return { ...env, ...Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)) };
}
