// Internal: runs one step of the quick start; a failure becomes a DemoError naming the step.
import { DemoError } from "./errors.ts";

export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? ` [${String(error.code)}]` : "";
    const message = error instanceof Error ? error.message : String(error);
    throw new DemoError("step_failed", `The quick start failed at "${name}"${code}: ${message}`, { step: name, cause: error });
  }
}
