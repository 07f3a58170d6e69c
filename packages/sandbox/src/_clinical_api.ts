// Internal: the clinical data API (EHRs, compositions, contributions, AQL)
// under the API base path. The database opens on the first request that
// needs it, so sandboxes that only serve tokens and templates never load it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { BearerResult } from "./_bearer.ts";
import { HttpFailure, sendFailure } from "./_clinical_http.ts";
import { type ClinicalContext, matchPath, type Route } from "./_clinical_routes.ts";
import { COMPOSITION_ROUTES } from "./_composition_api.ts";
import { checkDatabaseFile, ClinicalDb, DatabaseFullError, MAX_PAGES, PAGE_SIZE } from "./_db.ts";
import { EHR_ROUTES } from "./_ehr_api.ts";
import { QUERY_ROUTES } from "./_query_api.ts";
import type { TemplateStore } from "./_store.ts";

/** Every clinical route, in matching order. */
export const CLINICAL_ROUTES: readonly Route[] = [...EHR_ROUTES, ...COMPOSITION_ROUTES, ...QUERY_ROUTES];

/** The database file inside a dataDir. */
export const DATABASE_FILE = "clinical.sqlite";

/** The endpoints under the API base URL, one line per path with its methods (for the CLI banner). */
export function endpointSummary(templatesPath: string): string {
  const byPath = new Map<string, string[]>([
    [templatesPath, ["GET", "POST"]],
    [`${templatesPath}/{template_id}`, ["GET"]],
  ]);
  for (const route of CLINICAL_ROUTES) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route.method]);
  return [...byPath].map(([path, methods]) => `  ${methods.join("|").padEnd(15)} ${path}`).join("\n");
}

/** Does `rest` (the path after the API base) belong to the clinical API? */
export function isClinicalPath(rest: string): boolean {
  return /^\/(ehr|query|definition\/query)(\/|$)/.test(rest) || rest === "/ehr";
}

/** The route template a request matches (`"GET /ehr/{ehr_id}"`), for the per-endpoint counters. */
export function clinicalEndpoint(method: string, rest: string): string | undefined {
  for (const route of CLINICAL_ROUTES) {
    if (route.method === method || (method === "HEAD" && route.method === "GET")) {
      try {
        if (matchPath(route.path, rest) !== undefined) return `${route.method} ${route.path}`;
      } catch {
        // a malformed segment still names the route's shape below
        if (route.path.split("/").length === rest.split("/").length) return `${route.method} ${route.path}`;
      }
    }
  }
  return undefined;
}

/** Refuses a dataDir whose clinical database file is not one (reads its header only). */
export async function checkClinicalDataDir(dataDir: string): Promise<void> {
  await checkDatabaseFile(join(dataDir, DATABASE_FILE));
}

/** What the clinical API needs from the server. */
export interface ClinicalApiOptions {
  readonly apiBaseUrl: string;
  readonly templates: TemplateStore;
  readonly dataDir: string | undefined;
  readonly verify: (req: IncomingMessage, scope: string) => Promise<BearerResult>;
}

/** The clinical API: a request handler and close(). */
export interface ClinicalApi {
  handle(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void>;
  /** Whether the database was opened (for tests and the bench). */
  readonly opened: boolean;
  close(): Promise<void>;
}

/** Builds the clinical API. */
export function clinicalApi(options: ClinicalApiOptions): ClinicalApi {
  let database: Promise<ClinicalDb> | undefined;
  let closed = false;
  const ctx: ClinicalContext = {
    apiBaseUrl: options.apiBaseUrl,
    templates: options.templates,
    db() {
      if (closed) return Promise.reject(new HttpFailure(503, "closing", "the sandbox is closing"));
      database ??= ClinicalDb.open(options.dataDir === undefined ? undefined : join(options.dataDir, DATABASE_FILE)).catch(
        (error: unknown) => {
          throw new HttpFailure(500, "storage_unusable", `the clinical database cannot be opened: ${(error as Error).message}`);
        },
      );
      return database;
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    try {
      let found: { route: Route; params: Record<string, string> } | undefined;
      const allowed: string[] = [];
      let malformed: HttpFailure | undefined;
      for (const route of CLINICAL_ROUTES) {
        let params: Record<string, string> | undefined;
        try {
          params = matchPath(route.path, rest);
        } catch (error) {
          if (!(error instanceof HttpFailure)) throw error;
          malformed ??= error;
          continue;
        }
        if (params === undefined) continue;
        allowed.push(route.method);
        if (route.method === method && found === undefined) found = { route, params };
      }
      if (found === undefined) {
        req.resume();
        const verdict = await options.verify(req, "api.read");
        if (!verdict.ok)
          throw new HttpFailure(verdict.status, "unauthorized", verdict.message, [], { "www-authenticate": verdict.challenge });
        if (malformed !== undefined) throw malformed;
        if (allowed.length === 0) throw new HttpFailure(404, "not_found", `the sandbox has no resource at ${rest}`);
        throw new HttpFailure(405, "method_not_allowed", `${method} is not allowed on ${rest}: use ${allowed.join(", ")}`, [], {
          allow: allowed.join(", "),
        });
      }
      const verdict = await options.verify(req, found.route.scope);
      if (!verdict.ok) {
        req.resume();
        throw new HttpFailure(verdict.status, verdict.status === 403 ? "insufficient_scope" : "unauthorized", verdict.message, [], {
          "www-authenticate": verdict.challenge,
        });
      }
      await found.route.handle(ctx, req, res, found.params);
    } catch (error) {
      req.resume();
      if (res.headersSent) throw error;
      if (error instanceof HttpFailure) return sendFailure(res, error);
      if (error instanceof DatabaseFullError) {
        return sendFailure(
          res,
          new HttpFailure(
            507,
            "storage_full",
            `the sandbox keeps at most ${(MAX_PAGES * PAGE_SIZE) / 1024 / 1024} MiB of clinical data: start a new sandbox`,
          ),
        );
      }
      throw error;
    }
  }

  return {
    handle,
    get opened() {
      return database !== undefined;
    },
    async close() {
      closed = true;
      const db = await database?.catch(() => undefined);
      await db?.close();
    },
  };
}
