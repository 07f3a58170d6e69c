import { type CadastoEnvironment, isScopeToken, redactFields } from "@cadasto/core";
import type { EndpointsInput } from "@cadasto/discovery";
import { readEnvPlace } from "./_env_place.ts";
import { CadastoEnvError, type CadastoEnvProblem } from "./cadasto_env_error.ts";
import { SIGNING_ALGORITHMS } from "./_key_input.ts";
import type { SecretProvider } from "./secret_provider.ts";
import type { KeyProvider, SigningAlgorithm } from "./signing_key.ts";

/**
 * Every variable {@linkcode cadastoFromEnv} reads, for help texts.
 *
 * @example List them in a command's help
 * ```ts
 * import { CADASTO_ENV_VARIABLES } from "@cadasto/auth";
 * console.log(CADASTO_ENV_VARIABLES.join("\n"));
 * ```
 */
export const CADASTO_ENV_VARIABLES: readonly string[] = /* @__PURE__ */ Object.freeze([
  "CADASTO_TENANT",
  "CADASTO_ENVIRONMENT",
  "CADASTO_AUTH_URL",
  "CADASTO_API_URL",
  "CADASTO_CLIENT_ID",
  "CADASTO_CLIENT_SECRET",
  "CADASTO_CLIENT_SECRET_FILE",
  "CADASTO_PRIVATE_KEY_FILE",
  "CADASTO_KEY_ID",
  "CADASTO_KEY_ALGORITHM",
  "CADASTO_SCOPE",
]);

/**
 * The client part of a {@linkcode CadastoEnv}: spread it into
 * `clientCredentials()`. The secret is hidden from `JSON.stringify` and
 * `util.inspect` (also of a spread copy).
 *
 * @example Spread into clientCredentials
 * ```ts
 * import { type CadastoEnvCredentials, clientCredentials } from "@cadasto/auth";
 * declare const credentials: CadastoEnvCredentials;
 * const tokens = clientCredentials({ tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token", audience: "https://acme.api.prod.cadasto.io/openehr/v1", ...credentials });
 * console.log(JSON.stringify(credentials));
 * ```
 */
export interface CadastoEnvCredentials {
  /** `CADASTO_CLIENT_ID`. */
  readonly clientId: string;
  /** `CADASTO_CLIENT_SECRET`, or a provider reading `CADASTO_CLIENT_SECRET_FILE` on each token request. */
  readonly clientSecret?: string | SecretProvider | undefined;
  /** A provider reading `CADASTO_PRIVATE_KEY_FILE` (PKCS#8 PEM or a private JWK) on each token request. */
  readonly privateKey?: KeyProvider | undefined;
  /** `CADASTO_KEY_ID`. */
  readonly keyId?: string | undefined;
  /** `CADASTO_KEY_ALGORITHM`. */
  readonly algorithm?: SigningAlgorithm | undefined;
  /** `CADASTO_SCOPE`, split on spaces; absent: the client's default scopes. */
  readonly scope?: readonly string[] | undefined;
}

/**
 * What the `CADASTO_*` variables say: where discovery is (`authBaseUrl`),
 * the API base URL when known without discovery, and the client.
 *
 * @example Discover, then get tokens
 * ```ts
 * import { type CadastoEnv, cadastoFromEnv, clientCredentials } from "@cadasto/auth";
 * import { discoverEndpoints } from "@cadasto/discovery";
 * const env: CadastoEnv = cadastoFromEnv({ CADASTO_TENANT: "acme", CADASTO_CLIENT_ID: "svc", CADASTO_CLIENT_SECRET: "s3cret" });
 * const { configuration, apiBaseUrl } = await discoverEndpoints(env.endpoints);
 * const tokens = clientCredentials({ discovery: configuration, audience: apiBaseUrl, ...env.credentials });
 * console.log((await tokens.getToken()).scope);
 * ```
 */
export interface CadastoEnv {
  /** `CADASTO_AUTH_URL`, else the tenant's auth URL: give it to `discover()`. */
  readonly authBaseUrl: string;
  /** `CADASTO_API_URL`, else the tenant's documented API URL (a fallback for discovery), else undefined. */
  readonly apiBaseUrl: string | undefined;
  /** Whether `apiBaseUrl` came from `CADASTO_API_URL` and wins over what discovery advertises. */
  readonly apiBaseUrlOverrides: boolean;
  /** `CADASTO_TENANT`, lower case. */
  readonly tenant: string | undefined;
  /** `CADASTO_ENVIRONMENT` (default production when a tenant is given). */
  readonly environment: CadastoEnvironment | undefined;
  /**
   * The same place as `@cadasto/discovery`'s `discoverEndpoints()` takes it: `CADASTO_AUTH_URL`,
   * `CADASTO_API_URL` (only when set: it wins over discovery), `CADASTO_TENANT`, `CADASTO_ENVIRONMENT`.
   */
  readonly endpoints: EndpointsInput;
  /** The client id and credential, ready for `clientCredentials()`. */
  readonly credentials: CadastoEnvCredentials;
}

/**
 * Options of {@linkcode cadastoFromEnv}.
 *
 * @example Read secret files with Deno
 * ```ts
 * import { type CadastoFromEnvOptions, cadastoFromEnv } from "@cadasto/auth";
 * declare const Deno: { readTextFile(path: string): Promise<string>; env: { toObject(): Record<string, string> } };
 * const options = { readFile: (path: string) => Deno.readTextFile(path) } satisfies CadastoFromEnvOptions;
 * console.log(cadastoFromEnv(Deno.env.toObject(), options).authBaseUrl);
 * ```
 */
export interface CadastoFromEnvOptions {
  /** Reads `CADASTO_CLIENT_SECRET_FILE` / `CADASTO_PRIVATE_KEY_FILE` as text. `@cadasto/auth/node` passes `fs.readFile`. */
  readonly readFile?: ((path: string) => Promise<string>) | undefined;
  /** Return `undefined` instead of throwing when no `CADASTO_*` variable is set (e.g. to fall back to a sandbox). */
  readonly optional?: boolean | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function parseKey(text: string): string | JsonWebKey {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return trimmed;
  try {
    return JSON.parse(trimmed) as JsonWebKey;
  } catch {
    return "(a file that starts with { but is not JSON)";
  }
}

/**
 * Reads the `CADASTO_*` environment variables and checks them together, so
 * every entry point (a service, a CI job, a command) is configured the same
 * way: `CADASTO_TENANT` (with `CADASTO_ENVIRONMENT`) or `CADASTO_AUTH_URL`;
 * `CADASTO_API_URL` to override the API base URL; `CADASTO_CLIENT_ID`; one
 * credential — `CADASTO_CLIENT_SECRET`, `CADASTO_CLIENT_SECRET_FILE` (a file
 * mounted by Kubernetes or Docker secrets, read on each token request so a
 * rotated secret is picked up) or `CADASTO_PRIVATE_KEY_FILE` (for
 * `private_key_jwt`, with `CADASTO_KEY_ID` and `CADASTO_KEY_ALGORITHM` when
 * the key does not carry them); `CADASTO_SCOPE`. Empty values count as unset.
 * Makes no request and reads no file itself: reading is `options.readFile`'s
 * job, which `@cadasto/auth/node`'s `cadastoFromEnv` fills in.
 *
 * @param env The variables; default `process.env` where there is one.
 * @param options `readFile` for the `_FILE` variables; `optional` to get `undefined` when none is set.
 * @returns The auth URL, API URL and the client credentials.
 * @throws {CadastoEnvError} Listing every problem, each naming its variable:
 *   missing, contradictory (a secret and its `_FILE`, a secret and a key) or malformed variables.
 *
 * @example Configure from the process environment
 * ```ts
 * import { cadastoFromEnv } from "@cadasto/auth";
 * const env = cadastoFromEnv();
 * console.log(env.authBaseUrl, env.credentials.clientId);
 * ```
 */
export function cadastoFromEnv(
  env?: Readonly<Record<string, string | undefined>>,
  options?: CadastoFromEnvOptions & { readonly optional?: false | undefined },
): CadastoEnv;
/**
 * Like the overload above; with `optional: true` it returns `undefined` when
 * no `CADASTO_*` variable is set, instead of throwing.
 *
 * @param env The variables to read; default `process.env` where it exists.
 * @param options `readFile` for the `_FILE` variables, `optional`.
 * @returns The configuration, or `undefined` when optional and nothing is set.
 * @throws {CadastoEnvError} When a variable is missing, contradictory or malformed.
 */
export function cadastoFromEnv(
  env: Readonly<Record<string, string | undefined>> | undefined,
  options: CadastoFromEnvOptions,
): CadastoEnv | undefined;
export function cadastoFromEnv(env?: Env, options: CadastoFromEnvOptions = {}): CadastoEnv | undefined {
  const source: Env = env ?? (globalThis as { process?: { env?: Env } }).process?.env ?? {};
  const value = (name: string): string | undefined => {
    const raw = source[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  if (options.optional === true && CADASTO_ENV_VARIABLES.every((name) => value(name) === undefined)) return undefined;
  const problems: CadastoEnvProblem[] = [];
  const problem = (variable: string, message: string): void => {
    problems.push({ variable, message });
  };

  const { tenant, environment, authUrl, apiUrl, urls } = readEnvPlace(value, problem, true);

  const clientId = value("CADASTO_CLIENT_ID");
  if (clientId === undefined) problem("CADASTO_CLIENT_ID", "is not set: set it to the client id Cadasto issued.");

  const secret = value("CADASTO_CLIENT_SECRET");
  const secretFile = value("CADASTO_CLIENT_SECRET_FILE");
  const keyFile = value("CADASTO_PRIVATE_KEY_FILE");
  const keyId = value("CADASTO_KEY_ID");
  const algorithm = value("CADASTO_KEY_ALGORITHM");
  if (secret === undefined && secretFile === undefined && keyFile === undefined) {
    problem(
      "CADASTO_CLIENT_SECRET",
      "is not set: set CADASTO_CLIENT_SECRET, CADASTO_CLIENT_SECRET_FILE (a mounted secret file) or CADASTO_PRIVATE_KEY_FILE (private_key_jwt).",
    );
  }
  if (secret !== undefined && secretFile !== undefined) {
    problem("CADASTO_CLIENT_SECRET_FILE", "is set together with CADASTO_CLIENT_SECRET: keep one of them.");
  }
  if (keyFile !== undefined && (secret !== undefined || secretFile !== undefined)) {
    const other = secret === undefined ? "CADASTO_CLIENT_SECRET_FILE" : "CADASTO_CLIENT_SECRET";
    problem("CADASTO_PRIVATE_KEY_FILE", `is set together with ${other}: a client authenticates with a secret or a key; keep one.`);
  }
  for (const [name, given] of [
    ["CADASTO_KEY_ID", keyId],
    ["CADASTO_KEY_ALGORITHM", algorithm],
  ] as const) {
    if (given !== undefined && keyFile === undefined)
      problem(name, "only applies with CADASTO_PRIVATE_KEY_FILE: set it, or unset this one.");
  }
  if (algorithm !== undefined && !(SIGNING_ALGORITHMS as readonly string[]).includes(algorithm)) {
    problem(
      "CADASTO_KEY_ALGORITHM",
      `is "${algorithm.slice(0, 20)}": use one of ${SIGNING_ALGORITHMS.join(", ")} (RS384 or ES384 for SMART).`,
    );
  }
  const { readFile } = options;
  for (const [name, path] of [
    ["CADASTO_CLIENT_SECRET_FILE", secretFile],
    ["CADASTO_PRIVATE_KEY_FILE", keyFile],
  ] as const) {
    if (path !== undefined && readFile === undefined) {
      problem(name, "needs a file reader: import cadastoFromEnv from @cadasto/auth/node (or pass options.readFile).");
    }
  }
  const scope = value("CADASTO_SCOPE")?.split(/\s+/);
  const badScope = scope?.find((item) => !isScopeToken(item));
  if (badScope !== undefined)
    problem("CADASTO_SCOPE", "holds a character a scope cannot have: separate scopes with spaces (e.g. api.read api.write).");

  if (problems.length > 0) throw new CadastoEnvError(problems);

  const read = readFile as (path: string) => Promise<string>;
  const credentials: CadastoEnvCredentials = redactFields(
    {
      clientId: clientId as string,
      ...(secret !== undefined ? { clientSecret: secret } : {}),
      ...(secretFile !== undefined ? { clientSecret: async () => (await read(secretFile)).trim() } : {}),
      ...(keyFile !== undefined ? { privateKey: async () => parseKey(await read(keyFile)) } : {}),
      ...(keyId !== undefined ? { keyId } : {}),
      ...(algorithm !== undefined ? { algorithm: algorithm as SigningAlgorithm } : {}),
      ...(scope !== undefined ? { scope } : {}),
    },
    ["clientSecret"],
  );
  return {
    authBaseUrl: authUrl ?? (urls as { authBaseUrl: string }).authBaseUrl,
    apiBaseUrl: apiUrl ?? urls?.apiBaseUrl,
    apiBaseUrlOverrides: apiUrl !== undefined,
    tenant: urls === undefined ? undefined : tenant?.toLowerCase(),
    environment: urls === undefined ? undefined : (environment ?? "production"),
    endpoints: {
      ...(authUrl === undefined ? {} : { authBaseUrl: authUrl }),
      ...(apiUrl === undefined ? {} : { apiBaseUrl: apiUrl }),
      ...(tenant === undefined ? {} : { tenant }),
      ...(environment === undefined ? {} : { environment }),
    },
    credentials,
  };
}
