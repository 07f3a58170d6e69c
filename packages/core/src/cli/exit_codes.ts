/**
 * The exit codes every Cadasto command uses: `0` done, `1` the work failed
 * (an API, input or configuration error; the message says what to do), `2`
 * the command was called wrongly (a usage error), `130` cancelled (Ctrl-C, as
 * a shell reports SIGINT).
 *
 * @example Check a command's result
 * ```ts
 * import { EXIT_CODES } from "@cadasto/core/cli";
 * const code: number = 2;
 * console.log(code === EXIT_CODES.usage ? "see --help" : "ok");
 * ```
 */
export const EXIT_CODES: Readonly<{ ok: 0; failed: 1; usage: 2; cancelled: 130 }> = /* @__PURE__ */ Object.freeze({
  ok: 0,
  failed: 1,
  usage: 2,
  cancelled: 130,
});

/**
 * One of {@linkcode EXIT_CODES}, or another code a command documents.
 *
 * @example Type an exit code
 * ```ts
 * import type { ExitCode } from "@cadasto/core/cli";
 * const code: ExitCode = 0;
 * console.log(code);
 * ```
 */
export type ExitCode = number;
