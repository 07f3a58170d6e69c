// Internal: the route table type and the matcher the clinical data API uses.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pathSegment } from "./_clinical_http.ts";
import type { ClinicalDb } from "./_db.ts";
import type { TemplateStore } from "./_store.ts";

/** What every clinical handler gets. */
export interface ClinicalContext {
  readonly apiBaseUrl: string;
  readonly templates: TemplateStore;
  /** The database, opened on first use. */
  db(): Promise<ClinicalDb>;
}

/** One endpoint: `path` is its openEHR template, e.g. `/ehr/{ehr_id}/composition/{uid_based_id}`. */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly scope: "api.read" | "api.write";
  handle(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void>;
}

/** Matches a path (still percent-encoded) against a template; the params decoded, or undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? "";
    if (part.startsWith("{")) {
      if (actual === "") return undefined;
      params[part.slice(1, -1)] = pathSegment(actual, part.slice(1, -1));
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}
