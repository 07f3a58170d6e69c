import { type CadastoEnv, isCadastoEnvError } from "@cadasto/auth";
import { cadastoFromEnv } from "@cadasto/auth/node";
import { DemoError } from "./errors.ts";

/** Where the quick start runs: the local sandbox, or a Cadasto tenant named by `CADASTO_*` environment variables. */
export type Target = { readonly kind: "sandbox" } | ({ readonly kind: "tenant" } & CadastoEnv);

/**
 * Reads the target from the `CADASTO_*` environment variables with
 * `@cadasto/auth`'s `cadastoFromEnv` (the one parser every entry point
 * uses): with none set, the sandbox; otherwise a tenant, whose variables
 * are checked together (the client secret is kept out of `JSON.stringify`
 * and `util.inspect` of the result).
 *
 * @param env The environment, e.g. `process.env`.
 * @returns The target.
 * @throws {DemoError} `invalid_env` listing every problem by variable name.
 */
export function targetFromEnv(env: Readonly<Record<string, string | undefined>>): Target {
  let config: CadastoEnv | undefined;
  try {
    config = cadastoFromEnv(env, { optional: true });
  } catch (error) {
    if (!isCadastoEnvError(error)) throw error;
    throw new DemoError(
      "invalid_env",
      `${error.message}\nFix them to run the quick start against a Cadasto tenant, or unset every CADASTO_* variable to run it against the local sandbox.`,
      { cause: error },
    );
  }
  return config === undefined ? { kind: "sandbox" } : { kind: "tenant", ...config };
}
