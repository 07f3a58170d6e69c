import { CommandError } from "./usage_error.ts";

/**
 * Where a command is and what it signs in for, for {@linkcode importSignIn}'s message.
 *
 * @example The templates command
 * ```ts
 * import type { SignInCommand } from "@cadasto/core/cli";
 * const where: SignInCommand = { command: "cadasto-templates", library: "@cadasto/templates" };
 * console.log(where.command);
 * ```
 */
export interface SignInCommand {
  /** The command's name, e.g. `cadasto-templates` (starts the message). */
  readonly command: string;
  /** The package the command ships in, e.g. `@cadasto/templates`. */
  readonly library: string;
}

/**
 * Imports a command's sign-in module from `@cadasto/auth` (an optional peer
 * of the command's package: only the command signs in, so the library does
 * not install it). `load` is the command's own `import()` so the package is
 * resolved next to the command; when it is not installed the command ends
 * with a message saying what to install.
 *
 * @param load The command's `() => import("@cadasto/auth/node")`.
 * @param where The command's name and package, for the message.
 * @returns The loaded module.
 * @throws {CommandError} (exit 1) When `@cadasto/auth` or `@cadasto/discovery` is not installed.
 *
 * @example Load the sign-in of a command
 * ```ts
 * import { importSignIn } from "@cadasto/core/cli";
 * // In the command: () => import("@cadasto/auth/node")
 * declare const load: () => Promise<{ connectFromEnv(env: Record<string, string | undefined>): Promise<{ apiBaseUrl: string }> }>;
 * const { connectFromEnv } = await importSignIn(load, { command: "cadasto-templates", library: "@cadasto/templates" });
 * console.log((await connectFromEnv(process.env)).apiBaseUrl);
 * ```
 */
export async function importSignIn<T>(load: () => Promise<T>, where: SignInCommand): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new CommandError(
      `${where.command}: signing in needs @cadasto/auth and @cadasto/discovery next to ${where.library}: npm install @cadasto/auth @cadasto/discovery (or pass --no-auth with CADASTO_API_URL for a server without authentication).`,
      { cause: error },
    );
  }
}
