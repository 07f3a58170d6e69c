import { isLoopbackHost } from "@cadasto/core";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { bearerVerifier } from "./_bearer.ts";
import { checkClinicalDataDir, clinicalApi, clinicalEndpoint, isClinicalPath } from "./_clinical_api.ts";
import { resolveClients } from "./_clients.ts";
import { FaultState } from "./_faults.ts";
import { sendJson } from "./_http.ts";
import { SMART_CONFIGURATION_PATH, smartConfigurationHandler } from "./_smart_configuration.ts";
import { FileTemplateStore } from "./_file_store.ts";
import { MemoryTemplateStore } from "./_store.ts";
import { TEMPLATES_PATH, templatesApi } from "./_templates_api.ts";
import { AUTHORIZATION_PATH, createTokenEndpoint, JWKS_PATH, TOKEN_PATH } from "./_token_endpoint.ts";
import { SandboxError } from "./errors.ts";
import type { SandboxFaults } from "./faults.ts";
import type { SandboxClient } from "./sandbox_client.ts";

/**
 * Options for {@linkcode startSandbox}. Every field is optional.
 *
 * @example A fixed port, two clients and short-lived tokens
 * ```ts
 * import { startSandbox, type SandboxOptions } from "@cadasto/sandbox";
 * const options: SandboxOptions = {
 *   port: 8787,
 *   tokenTtlSeconds: 5,
 *   clients: [
 *     { clientId: "reader", clientSecret: "reader-secret", scopes: ["api.read"] },
 *     { clientId: "ci", clientSecret: "ci-secret", authMethod: "client_secret_post" },
 *   ],
 * };
 * const sb = await startSandbox(options);
 * await sb.close();
 * ```
 */
export interface SandboxOptions {
  /** The port; default 0 = a free port chosen by the system. */
  port?: number;
  /** The host to listen on; default `"127.0.0.1"`. Non-loopback hosts need `allowNonLoopback: true`. */
  host?: string;
  /** Allow listening on a non-loopback host (reachable from the network: only for trusted setups). */
  allowNonLoopback?: boolean;
  /** The clients the token endpoint accepts; default one generated client with `api.read api.write`, either auth method. */
  clients?: SandboxClient[];
  /** Access token lifetime in seconds; default 3600. */
  tokenTtlSeconds?: number;
  /** A directory that keeps uploaded templates and clinical data (`clinical.sqlite`) across restarts; default: in memory. */
  dataDir?: string;
}

/**
 * Counters for assertions in tests.
 *
 * @example Check that a client reused its token
 * ```ts
 * import { startSandbox } from "@cadasto/sandbox";
 * const sb = await startSandbox();
 * console.log(sb.stats.tokenRequests, sb.stats.apiRequests); // 0 0
 * await sb.close();
 * ```
 */
export interface SandboxStats {
  /** POST requests that reached the token endpoint (including faulted ones). */
  readonly tokenRequests: number;
  /** Requests under the API base URL. */
  readonly apiRequests: number;
  /**
   * Requests under the API base URL by endpoint, keyed `"METHOD /path/template"`
   * as the openEHR REST spec names it (`"POST /ehr/{ehr_id}/composition"`,
   * `"GET /definition/template/adl1.4/{template_id}"`); `"other"` for paths the
   * sandbox does not serve. A snapshot: read it again for newer counts.
   */
  readonly requests: Readonly<Record<string, number>>;
}

/**
 * A running sandbox: its URLs, the first client's credentials, fault hooks,
 * counters and `close()`.
 *
 * @example Get a token from a running sandbox
 * ```ts
 * import { startSandbox, type Sandbox } from "@cadasto/sandbox";
 * const sb: Sandbox = await startSandbox();
 * const response = await fetch(sb.tokenEndpoint, {
 *   method: "POST",
 *   headers: { authorization: `Basic ${btoa(`${sb.clientId}:${sb.clientSecret}`)}` },
 *   body: new URLSearchParams({ grant_type: "client_credentials", audience: sb.apiBaseUrl }),
 * });
 * console.log((await response.json()).token_type); // "Bearer"
 * await sb.close();
 * ```
 */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`: serves `GET /.well-known/smart-configuration`; the token issuer. */
  readonly authBaseUrl: string;
  /** `http://127.0.0.1:PORT/openehr/v1`: the openEHR REST base URL, and the token `audience`. */
  readonly apiBaseUrl: string;
  /** The token endpoint (oidc-provider). */
  readonly tokenEndpoint: string;
  /** The first client's id. */
  readonly clientId: string;
  /**
   * The first client's current secret (`""` when it uses `private_key_jwt`). Not enumerable: left out
   * of `JSON.stringify` and `util.inspect`. After {@linkcode Sandbox.rotateSecret} it is the new one.
   */
  readonly clientSecret: string;
  /** Fault injection hooks. */
  readonly faults: SandboxFaults;
  /** Request counters. */
  readonly stats: SandboxStats;
  /**
   * Gives a client a new random secret, at once: the old secret is refused (`invalid_client`) from the
   * next token request on, while tokens already issued stay valid until they expire.
   *
   * @param clientId A client with a secret.
   * @returns The new secret.
   * @throws {SandboxError} `invalid_option` for an unknown client or one that uses `private_key_jwt`.
   */
  rotateSecret(clientId: string): string;
  /** Stops the server, closing open connections; the port is free when it resolves. */
  close(): Promise<void>;
}

const API_PATH = "/openehr/v1";

/** The SDK's loopback rule, for a host as `listen()` takes it (IPv6 without brackets, too). */
function isLoopbackListenHost(host: string): boolean {
  return isLoopbackHost(host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);
}

const KNOWN_OPTIONS = ["port", "host", "allowNonLoopback", "clients", "tokenTtlSeconds", "dataDir"];

function checkOptions(options: SandboxOptions): { port: number; host: string; ttl: number } {
  if (typeof options !== "object" || options === null) {
    throw new SandboxError("invalid_option", "options must be an object (or left out)");
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new SandboxError("invalid_option", `unknown option "${key}" (known: ${KNOWN_OPTIONS.join(", ")})`);
    }
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SandboxError("invalid_option", `port must be an integer from 0 to 65535, got ${String(options.port)}`);
  }
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host === "") {
    throw new SandboxError("invalid_option", "host must be a non-empty string");
  }
  if (!isLoopbackListenHost(host) && options.allowNonLoopback !== true) {
    throw new SandboxError(
      "invalid_option",
      `host "${host}" is not a loopback address: the sandbox has well-known test credentials, pass allowNonLoopback: true if you really mean it`,
    );
  }
  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl < 1) {
    throw new SandboxError("invalid_option", `tokenTtlSeconds must be a positive integer, got ${String(options.tokenTtlSeconds)}`);
  }
  if (options.dataDir !== undefined && (typeof options.dataDir !== "string" || options.dataDir === "")) {
    throw new SandboxError("invalid_option", "dataDir must be a non-empty directory path (or left out to keep templates in memory)");
  }
  return { port, host, ttl };
}

/**
 * Starts a local Cadasto-compatible environment on loopback: the SMART
 * configuration, a real OAuth server (oidc-provider) issuing JWT access
 * tokens for the client credentials grant, the openEHR template API, and the
 * clinical data API (EHRs, compositions, contributions, AQL) on an embedded
 * SQLite that opens on the first clinical request.
 *
 * @param options Port, host, clients, token lifetime, data directory; all optional.
 * @returns The running sandbox; call `close()` when done.
 * @throws {SandboxError} `invalid_option` for a bad option (the message names it), `listen_failed` when the port cannot be bound.
 *
 * @example Start, use, close
 * ```ts
 * import { startSandbox } from "@cadasto/sandbox";
 * const sb = await startSandbox({ tokenTtlSeconds: 60 });
 * const config = await (await fetch(`${sb.authBaseUrl}/.well-known/smart-configuration`)).json();
 * console.log(config.token_endpoint === sb.tokenEndpoint); // true
 * await sb.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { port, host, ttl } = checkOptions(options);
  const clients = resolveClients(options.clients);
  const store = options.dataDir === undefined ? new MemoryTemplateStore() : await FileTemplateStore.open(options.dataDir);
  if (options.dataDir !== undefined) {
    await checkClinicalDataDir(options.dataDir).catch((error: unknown) => {
      throw new SandboxError("invalid_option", `dataDir "${options.dataDir}" cannot be used: ${(error as Error).message}`, {
        cause: error,
      });
    });
  }
  const faults = new FaultState();
  const counters = { tokenRequests: 0, apiRequests: 0 };
  const perEndpoint: Record<string, number> = {};

  let route: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => {
    sendJson(res, 503, { message: "sandbox is starting" });
  };
  let closeClinical = (): Promise<void> => Promise.resolve();
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: "sandbox internal error", error: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      reject(new SandboxError("listen_failed", `cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });

  try {
    const address = server.address() as AddressInfo;
    const urlHost = address.family === "IPv6" ? `[${address.address}]` : host === "localhost" ? host : address.address;
    const authBaseUrl = `http://${urlHost}:${address.port}`;
    const apiBaseUrl = `${authBaseUrl}${API_PATH}`;
    const tokenEndpoint = `${authBaseUrl}${TOKEN_PATH}`;
    const oauth = await createTokenEndpoint({ issuer: authBaseUrl, audience: apiBaseUrl, clients, tokenTtlSeconds: ttl });
    const verify = await bearerVerifier(oauth.publicJwk, authBaseUrl, apiBaseUrl);
    const clinical = clinicalApi({ apiBaseUrl, templates: store, dataDir: options.dataDir, verify });
    closeClinical = () => clinical.close();
    const api = templatesApi({
      apiBaseUrl,
      store,
      verify,
    });
    const smartConfiguration = smartConfigurationHandler({
      authBaseUrl,
      apiBaseUrl,
      tokenEndpoint,
      authorizationEndpoint: `${authBaseUrl}${AUTHORIZATION_PATH}`,
      jwksUri: `${authBaseUrl}${JWKS_PATH}`,
    });

    route = async (req, res) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (path === SMART_CONFIGURATION_PATH) return smartConfiguration(req, res);
      if (path === API_PATH || path.startsWith(`${API_PATH}/`)) {
        counters.apiRequests++;
        const rest = path.slice(API_PATH.length);
        const endpoint = endpointOf(req.method ?? "GET", rest);
        perEndpoint[endpoint] = (perEndpoint[endpoint] ?? 0) + 1;
        if (await faults.applyToApi(req, res)) return;
        if (isClinicalPath(rest)) return clinical.handle(req, res, rest);
        return api(req, res, rest);
      }
      if (path === TOKEN_PATH && req.method === "POST") {
        counters.tokenRequests++;
        if (await faults.applyToToken(req, res)) return;
        return oauth.handleToken(req, res);
      }
      oauth.handleOther(req, res);
    };

    const [first] = clients;
    if (first === undefined) throw new SandboxError("invalid_option", "no client");
    let closing: Promise<void> | undefined;
    const sandbox: Sandbox = {
      authBaseUrl,
      apiBaseUrl,
      tokenEndpoint,
      clientId: first.clientId,
      get clientSecret() {
        return first.clientSecret ?? "";
      },
      faults: faults.api,
      stats: {
        get tokenRequests() {
          return counters.tokenRequests;
        },
        get apiRequests() {
          return counters.apiRequests;
        },
        get requests() {
          return { ...perEndpoint };
        },
      },
      rotateSecret: (clientId) => oauth.rotateSecret(clientId),
      close() {
        faults.api.reset(); // releases delayed requests
        closing ??= closeServer(server).then(() => clinical.close());
        return closing;
      },
    };
    // The secret stays readable but out of JSON.stringify and util.inspect output.
    Object.defineProperty(sandbox, "clientSecret", { enumerable: false });
    return sandbox;
  } catch (error) {
    await closeServer(server);
    await closeClinical();
    throw error;
  }
}

/** The endpoint a request under the API base counts for. */
function endpointOf(method: string, rest: string): string {
  const clinical = clinicalEndpoint(method, rest);
  if (clinical !== undefined) return clinical;
  if (rest === TEMPLATES_PATH || rest === `${TEMPLATES_PATH}/`) return `${method} ${TEMPLATES_PATH}`;
  if (rest.startsWith(`${TEMPLATES_PATH}/`)) return `${method} ${TEMPLATES_PATH}/{template_id}`;
  return "other";
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
