// Internal: the signal parseCommandLine() throws for -h/--help, caught by runCli().

const HELP = Symbol.for("cadasto.HelpRequested");

/** A new help signal. */
export function helpRequested(): Error {
  const error = new Error("--help");
  Object.defineProperty(error, HELP, { value: true });
  return error;
}

/** Whether `error` is the help signal. */
export function isHelpRequest(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[HELP] === true;
}
