import { type ConnectionFlags, connectionEnv } from "./connection_flags.ts";
import { importSignIn, type SignInCommand } from "./import_sign_in.ts";

/**
 * The part of `@cadasto/auth/node` that {@linkcode connectWithFlags} uses:
 * `connectFromEnv()`.
 *
 * @example The module as a command loads it
 * ```ts
 * import type { SignInModule } from "@cadasto/core/cli";
 * declare const load: () => Promise<SignInModule<{ getToken(): Promise<unknown> }>>;
 * const { connectFromEnv } = await load();
 * console.log((await connectFromEnv(process.env, { signIn: true, defaultScope: ["api.read"] })).apiBaseUrl);
 * ```
 */
export interface SignInModule<Auth> {
  /**
   * Reads the `CADASTO_*` variables, discovers the endpoints and signs in.
   *
   * @param env The variables, with the flags over them.
   * @param options `signIn: false` for `--no-auth`; the scopes when `CADASTO_SCOPE` is unset.
   * @returns The API base URL and its token source (none without sign-in).
   */
  connectFromEnv(
    env: Readonly<Record<string, string | undefined>>,
    options: { readonly signIn: boolean; readonly defaultScope: readonly string[] },
  ): Promise<{ readonly apiBaseUrl: string; readonly auth?: Auth | undefined }>;
}

/**
 * What {@linkcode connectWithFlags} needs from the command.
 *
 * @example The templates command's
 * ```ts
 * import type { ConnectWithFlagsOptions, SignInModule } from "@cadasto/core/cli";
 * declare const load: () => Promise<SignInModule<string>>;
 * const options: ConnectWithFlagsOptions<{ baseUrl: string }, string> = {
 *   where: { command: "cadasto-templates", library: "@cadasto/templates" },
 *   load,
 *   client: (settings) => ({ baseUrl: settings.baseUrl }),
 *   writes: true,
 * };
 * console.log(options.where.command);
 * ```
 */
export interface ConnectWithFlagsOptions<Client, Auth> {
  /** The command and its package, for the message when `@cadasto/auth` is not installed. */
  readonly where: SignInCommand;
  /** The command's own `() => import("@cadasto/auth/node")`, resolved next to the command. */
  readonly load: () => Promise<SignInModule<Auth>>;
  /**
   * Creates the command's client. Called first with the API URL alone when
   * one is given, so a bad URL is refused (by the client's own check)
   * before anything is loaded or sent.
   */
  readonly client: (options: { readonly baseUrl: string; readonly auth?: Auth }) => Client;
  /** Whether the call writes: the default scopes are then `api.read api.write`, else `api.read`. */
  readonly writes: boolean;
}

/**
 * Connects a command the way every `cadasto-*` command does: the
 * connection flags over the `CADASTO_*` variables ({@linkcode connectionEnv});
 * an API URL given is checked by the client first; with `--no-auth` and an
 * API URL the client is made without loading `@cadasto/auth` (an optional
 * peer); otherwise `connectFromEnv()` of `@cadasto/auth/node` (every problem
 * with the variables named at once, discovery, client credentials) and the
 * client with its token source.
 *
 * @param flags The call's connection flags.
 * @param env The process's variables.
 * @param options The command's name and package, its `load` of `@cadasto/auth/node`, its client and whether it writes.
 * @returns The client.
 * @throws {CommandError} (exit 1) When signing in is needed and `@cadasto/auth` or `@cadasto/discovery` is not installed.
 * @throws {Error} What `client` throws for a bad API URL, and `connectFromEnv()`'s errors (`CadastoEnvError`, `DiscoveryError`).
 *
 * @example The client of a command
 * ```ts
 * import { connectWithFlags, type SignInModule } from "@cadasto/core/cli";
 * // In the command: () => import("@cadasto/auth/node")
 * declare const load: () => Promise<SignInModule<{ getToken(): Promise<unknown> }>>;
 * const client = await connectWithFlags({ apiUrl: "http://127.0.0.1:8080/openehr/v1", noAuth: true }, process.env, {
 *   where: { command: "cadasto-hello", library: "@cadasto/hello" },
 *   load,
 *   client: ({ baseUrl, auth }) => ({ baseUrl, signedIn: auth !== undefined }),
 *   writes: false,
 * });
 * console.log(client.baseUrl, client.signedIn); // http://127.0.0.1:8080/openehr/v1 false
 * ```
 */
export async function connectWithFlags<Client, Auth>(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
  options: ConnectWithFlagsOptions<Client, Auth>,
): Promise<Client> {
  const vars = connectionEnv(env, flags);
  const apiUrl = vars.CADASTO_API_URL?.trim() || undefined;
  // Checked first, so a bad URL is refused before any request, in the client's words.
  if (apiUrl !== undefined) options.client({ baseUrl: apiUrl });
  // Without sign-in and with an API URL, the optional peers are not needed.
  if (flags.noAuth && apiUrl !== undefined) return options.client({ baseUrl: apiUrl });
  const { connectFromEnv } = await importSignIn(options.load, options.where);
  const { apiBaseUrl, auth } = await connectFromEnv(vars, {
    signIn: !flags.noAuth,
    defaultScope: options.writes ? ["api.read", "api.write"] : ["api.read"],
  });
  return options.client(auth === undefined ? { baseUrl: apiBaseUrl } : { baseUrl: apiBaseUrl, auth });
}
