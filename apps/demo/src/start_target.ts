import { redactFields } from "@cadasto/core";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import type { QuickStartOptions } from "./quick_start.ts";
import type { Target } from "./target.ts";

/** The quick start's connection options for a target, and the sandbox started for it (if any). */
export interface StartedTarget {
  readonly description: string;
  readonly options: Omit<QuickStartOptions, "opts" | "log">;
  /** The sandbox started for a `sandbox` target; close it when done. */
  readonly sandbox: Sandbox | undefined;
}

/**
 * Prepares a target: starts the sandbox in this process for `sandbox`, or
 * passes a tenant's settings through. The options keep the client secret out
 * of `JSON.stringify` and `util.inspect`.
 *
 * @param target From {@linkcode targetFromEnv}.
 * @returns Connection options for {@linkcode runQuickStart} and the sandbox to close later.
 * @throws {Error} When the sandbox cannot start.
 */
export async function startTarget(target: Target): Promise<StartedTarget> {
  if (target.kind === "tenant") {
    return {
      description: `the Cadasto tenant at ${target.authBaseUrl}`,
      options: redactFields(
        {
          authBaseUrl: target.authBaseUrl,
          apiBaseUrl: target.apiBaseUrl,
          apiBaseUrlOverrides: target.apiBaseUrlOverrides,
          ...target.credentials,
        },
        ["clientSecret"],
      ),
      sandbox: undefined,
    };
  }
  const sandbox = await startSandbox();
  return {
    description: `the local sandbox at ${sandbox.authBaseUrl} (no CADASTO_* variables set)`,
    options: redactFields({ authBaseUrl: sandbox.authBaseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }, [
      "clientSecret",
    ]),
    sandbox,
  };
}
