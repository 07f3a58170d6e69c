import { errorBrand } from "@cadasto/core";

const BRAND = errorBrand("DemoError");

/** Codes of {@linkcode DemoError}. */
export type DemoErrorCode = "invalid_env" | "step_failed";

/**
 * The demo could not run: `CADASTO_*` environment variables missing,
 * contradictory or wrong (`invalid_env`, every problem listed), or a quick start step failed (`step_failed`,
 * with the step's name in `step` and the package's error as `cause`).
 * Messages never contain the client secret or a token.
 */
export class DemoError extends Error {
  /** Why the demo stopped. */
  readonly code: DemoErrorCode;
  /** The quick start step that failed, for `step_failed`. */
  readonly step: string | undefined;

  /**
   * @param code Why the demo stopped.
   * @param message What went wrong and what to do.
   * @param options The failed step and the underlying error.
   */
  constructor(code: DemoErrorCode, message: string, options: { step?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DemoError";
    this.code = code;
    this.step = options.step;
    BRAND.mark(this);
  }
}

/**
 * Whether `value` is a {@linkcode DemoError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode DemoError}.
 */
export function isDemoError(value: unknown): value is DemoError {
  return BRAND.is(value);
}
