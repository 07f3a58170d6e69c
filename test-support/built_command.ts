// Test helper for the packages whose tests drive their built command
// (`dist/cli.js`) as a CI pipeline runs it. Imported by relative path, like
// fixtures/load_templates.ts: it is never published and uses node: modules only.
import { execFile } from "node:child_process";

/** What a run of the command printed and its exit code. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <cli> ...args` asynchronously (a sandbox in the test's process
 * must keep serving) with only PATH and the variables of `env` that are set.
 * A command killed by the timeout resolves with code -1.
 */
export function runBuiltCommand(
  cli: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  timeout: number,
): Promise<Run> {
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? "" };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: childEnv, encoding: "utf8", timeout }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}
