import { errorBrand } from "@cadasto/core";

// Errors from @cadasto/sandbox 0.1 carry the old brand: still recognised.
const BRAND = errorBrand("SandboxError", { legacy: [{ key: "@cadasto/sandbox/SandboxError" }] });

/**
 * Why a sandbox could not start: bad options or a port that is taken.
 *
 * `code` is one of `invalid_option` (the message names the option and the
 * reason), `listen_failed` (the port is in use or the host cannot be bound).
 *
 * @example Tell a taken port from a bad option
 * ```ts
 * import { isSandboxError, startSandbox } from "@cadasto/sandbox";
 * try {
 *   const sb = await startSandbox({ port: 8080 });
 *   await sb.close();
 * } catch (error) {
 *   if (isSandboxError(error) && error.code === "listen_failed") console.error("port 8080 is busy");
 *   else throw error;
 * }
 * ```
 */
export class SandboxError extends Error {
  /** A stable code: `invalid_option` or `listen_failed`. */
  readonly code: /** An option was refused (the message names it and the reason): fix that option or command-line flag. */
    | "invalid_option"
    /** The port is in use or the host cannot be bound: pick another `port` (or leave it out for a free one). */
    | "listen_failed";

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code The stable code.
   * @param message What went wrong and what to do.
   * @param options The underlying error, if any.
   */
  constructor(code: "invalid_option" | "listen_failed", message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SandboxError";
    this.code = code;
    BRAND.mark(this);
  }
}

/**
 * Tells whether a value is a {@linkcode SandboxError}, also across realms
 * (it checks a brand, not only `instanceof`).
 *
 * @param value Anything caught.
 * @returns `true` for a sandbox error.
 *
 * @example Check a caught error
 * ```ts
 * import { isSandboxError, startSandbox } from "@cadasto/sandbox";
 * await startSandbox({ host: "0.0.0.0" }).catch((error: unknown) => {
 *   if (isSandboxError(error)) console.error(error.code, error.message);
 * });
 * ```
 */
export function isSandboxError(value: unknown): value is SandboxError {
  return value instanceof SandboxError || BRAND.is(value);
}
