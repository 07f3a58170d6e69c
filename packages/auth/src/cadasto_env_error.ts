import { errorBrand } from "@cadasto/core";
import { AuthError } from "./errors.ts";

const BRAND = errorBrand("CadastoEnvError");

/**
 * One problem with the `CADASTO_*` variables: the variable and what to do.
 *
 * @example Print each problem
 * ```ts
 * import type { CadastoEnvProblem } from "@cadasto/auth";
 * declare const problems: readonly CadastoEnvProblem[];
 * for (const { variable, message } of problems) console.error(`${variable}: ${message}`);
 * ```
 */
export interface CadastoEnvProblem {
  /** The variable, e.g. `CADASTO_CLIENT_ID`. */
  readonly variable: string;
  /** What is wrong and how to fix it (never the variable's value when it may be secret). */
  readonly message: string;
}

/**
 * The `CADASTO_*` environment variables cannot configure a client:
 * {@linkcode cadastoFromEnv} checked them all together and lists every
 * problem in `problems` (and in the message, one per line), each naming its
 * variable. `code` is `invalid_env`. Never carries a secret's value.
 *
 * @example Print every problem at once
 * ```ts
 * import { cadastoFromEnv, isCadastoEnvError } from "@cadasto/auth";
 * try {
 *   cadastoFromEnv({ CADASTO_TENANT: "acme" });
 * } catch (error) {
 *   if (isCadastoEnvError(error)) for (const problem of error.problems) console.error(problem.variable, problem.message);
 * }
 * ```
 */
export class CadastoEnvError extends AuthError {
  /** Always `invalid_env`. */
  declare readonly code: /** One or more `CADASTO_*` variables are missing, empty or malformed (`problems` names each one and says what to set): fix them and start again. */
  "invalid_env";
  /** Every problem found, in the order of the variables. */
  declare readonly problems: readonly CadastoEnvProblem[];

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param problems Every problem found (at least one).
   */
  constructor(problems: readonly CadastoEnvProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      "CadastoEnvError",
      "invalid_env",
      `The CADASTO_* environment variables have ${count}:\n${problems.map((p) => `  - ${p.variable} ${p.message}`).join("\n")}`,
    );
    Object.assign(this, { problems: Object.freeze([...problems]) });
    BRAND.mark(this);
  }
}

/**
 * Whether `value` is a {@linkcode CadastoEnvError}, across copies and realms.
 *
 * @param value Anything caught.
 * @returns `true` for a `CadastoEnvError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isCadastoEnvError } from "@cadasto/auth";
 * declare const error: unknown;
 * if (isCadastoEnvError(error)) console.error(error.message);
 * ```
 */
export function isCadastoEnvError(value: unknown): value is CadastoEnvError {
  return BRAND.is(value);
}
