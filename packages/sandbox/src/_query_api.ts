// Internal: AQL endpoints (ad-hoc and stored queries).
import type { IncomingMessage, ServerResponse } from "node:http";
import { AqlError, parseAql } from "./_aql_parse.ts";
import { translate } from "./_aql_sql.ts";
import { HttpFailure, mediaType, readJson } from "./_clinical_http.ts";
import type { ClinicalContext, Route } from "./_clinical_routes.ts";
import type { ClinicalDb } from "./_db.ts";
import { readBody, sendJson } from "./_http.ts";

const MAX_FETCH = 10_000;
const QUERY_NAME = /^[\w.-]+(::[\w.-]+)?$/;
const SEMVER = /^\d+\.\d+\.\d+$/;

interface QueryRequest {
  readonly q: string;
  readonly parameters: Record<string, unknown>;
  readonly offset: number;
  readonly fetch: number | undefined;
}

function count(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw new HttpFailure(400, "invalid_parameter", `${name} must be a non-negative integer, got ${JSON.stringify(value)}`, [name]);
  return n;
}

/** Reads q, query_parameters, offset, fetch from a POST body or a GET query string. */
async function queryRequest(req: IncomingMessage, res: ServerResponse, stored: string | undefined): Promise<QueryRequest> {
  let source: Record<string, unknown>;
  if (req.method === "POST") {
    const body = await readJson(req, res);
    if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
      throw new HttpFailure(400, "invalid_query", "the body must be a JSON object: { q, query_parameters?, offset?, fetch? }");
    }
    source = (body ?? {}) as Record<string, unknown>;
  } else {
    // GET: q, offset, fetch, and query_parameters either url-encoded in one parameter or as the other parameters.
    const search = new URL(req.url ?? "/", "http://sandbox").searchParams;
    const parameters: Record<string, string> = {};
    for (const [key, value] of search) if (!["q", "offset", "fetch", "query_parameters"].includes(key)) parameters[key] = value;
    for (const [key, value] of new URLSearchParams(search.get("query_parameters") ?? "")) parameters[key] = value;
    source = {
      q: search.get("q") ?? undefined,
      offset: search.get("offset") ?? undefined,
      fetch: search.get("fetch") ?? undefined,
      query_parameters: parameters,
    };
  }
  const q = stored ?? source.q;
  if (typeof q !== "string" || q.trim() === "") throw new HttpFailure(400, "invalid_query", "send the AQL query as q", ["q"]);
  const parameters = source.query_parameters ?? {};
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
    throw new HttpFailure(400, "invalid_parameter", "query_parameters must be an object of name → value", ["query_parameters"]);
  }
  const fetchCount = count(source.fetch, "fetch");
  if (fetchCount !== undefined && fetchCount > MAX_FETCH)
    throw new HttpFailure(400, "invalid_parameter", `fetch may be at most ${MAX_FETCH}: page with offset`, ["fetch"]);
  return { q, parameters: parameters as Record<string, unknown>, offset: count(source.offset, "offset") ?? 0, fetch: fetchCount };
}

/** Runs a query and builds the openEHR result set. */
function run(db: ClinicalDb, request: QueryRequest, name: string | undefined): Record<string, unknown> {
  let translated: ReturnType<typeof translate>;
  let limit: number | undefined;
  let offset = request.offset;
  try {
    const query = parseAql(request.q);
    translated = translate(query, request.parameters);
    // The query's own LIMIT/OFFSET first, then the request's offset/fetch within it.
    offset += query.offset ?? 0;
    if (query.limit !== undefined) limit = Math.max(0, query.limit - request.offset);
    if (request.fetch !== undefined) limit = Math.min(limit ?? request.fetch, request.fetch);
  } catch (error) {
    if (error instanceof AqlError) throw new HttpFailure(400, "unsupported_aql", error.message, [error.message]);
    throw error;
  }
  const sql = `${translated.sql}\nLIMIT :limit OFFSET :offset`;
  const raw = db.values(sql, { ...translated.params, ":limit": limit ?? -1, ":offset": offset });
  const rows = raw.map((row) =>
    row.map((cell, i) => (translated.columns[i]?.json === true && typeof cell === "string" ? JSON.parse(cell) : cell)),
  );
  return {
    meta: {
      _type: "RESULTSET",
      _schema_version: "1.0.0",
      _created: new Date().toISOString(),
      _executed_aql: request.q,
      resultsize: rows.length,
      offset: request.offset,
      ...(request.fetch === undefined ? {} : { fetch: request.fetch }),
    },
    q: request.q,
    ...(name === undefined ? {} : { name }),
    columns: translated.columns.map(({ name: column, path }) => ({ name: column, path })),
    rows,
  };
}

async function adHoc(ctx: ClinicalContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = await queryRequest(req, res, undefined);
  sendJson(res, 200, run(await ctx.db(), request, undefined));
}

function checkName(name: string, version: string | undefined): void {
  if (!QUERY_NAME.test(name))
    throw new HttpFailure(
      400,
      "malformed_id",
      `a query name is {namespace}::{name} of letters, digits, _ . -; got ${JSON.stringify(name)}`,
    );
  if (version !== undefined && !SEMVER.test(version))
    throw new HttpFailure(400, "malformed_id", `a query version is MAJOR.MINOR.PATCH, got ${JSON.stringify(version)}`);
}

function versions(db: ClinicalDb, name: string): { version: string; q: string; saved: string }[] {
  const rows = db
    .all("SELECT version, q, saved FROM stored_query WHERE name = ?", [name])
    .map((r) => ({ version: String(r.version), q: String(r.q), saved: String(r.saved) }));
  const key = (v: string) => v.split(".").map(Number);
  return rows.sort((a, b) => {
    const [x, y] = [key(a.version), key(b.version)];
    return (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0) || (x[2] ?? 0) - (y[2] ?? 0);
  });
}

function findStored(db: ClinicalDb, name: string, version: string | undefined): { version: string; q: string; saved: string } {
  checkName(name, version);
  const all = versions(db, name);
  const found = version === undefined ? all.at(-1) : all.find((v) => v.version === version);
  if (found === undefined)
    throw new HttpFailure(404, "not_found", `no stored query ${name}${version === undefined ? "" : ` version ${version}`}`);
  return found;
}

async function store(
  ctx: ClinicalContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  version: string | undefined,
): Promise<void> {
  checkName(name, version);
  const type = new URL(req.url ?? "/", "http://sandbox").searchParams.get("type");
  if (type !== null && type.toUpperCase() !== "AQL") throw new HttpFailure(400, "invalid_parameter", `type must be AQL, got ${type}`);
  let q: unknown;
  if (mediaType(req) === "application/json") q = ((await readJson(req, res)) as { q?: unknown } | undefined)?.q;
  else q = (await readBody(req, res, 1024 * 1024))?.toString("utf8");
  if (typeof q !== "string" || q.trim() === "")
    throw new HttpFailure(400, "invalid_query", "send the AQL as the body (text/plain) or as { q } (application/json)");
  try {
    translate(
      parseAql(q),
      new Proxy(
        {},
        { get: () => "", has: () => true, getOwnPropertyDescriptor: () => ({ value: "", configurable: true, enumerable: true }) },
      ),
    );
  } catch (error) {
    if (error instanceof AqlError) throw new HttpFailure(400, "unsupported_aql", error.message, [error.message]);
    throw error;
  }
  const db = await ctx.db();
  const saved = await db.write(() => {
    const all = versions(db, name);
    const last = all.at(-1)?.version.split(".").map(Number);
    const chosen = version ?? (last === undefined ? "1.0.0" : `${last[0]}.${last[1]}.${(last[2] ?? 0) + 1}`);
    if (all.some((v) => v.version === chosen))
      throw new HttpFailure(409, "conflict", `stored query ${name} version ${chosen} exists already: store a new version`);
    db.run("INSERT INTO stored_query (name, version, q, saved) VALUES (?, ?, ?, ?)", [name, chosen, q, new Date().toISOString()]);
    return chosen;
  });
  res.writeHead(200, { location: `${ctx.apiBaseUrl}/definition/query/${encodeURIComponent(name)}/${saved}` }).end();
}

async function describeStored(
  ctx: ClinicalContext,
  _req: IncomingMessage,
  res: ServerResponse,
  name: string,
  version: string | undefined,
): Promise<void> {
  const db = await ctx.db();
  const entry = (v: { version: string; q: string; saved: string }) => ({ name, type: "AQL", version: v.version, saved: v.saved, q: v.q });
  if (version !== undefined) return sendJson(res, 200, entry(findStored(db, name, version)));
  checkName(name, undefined);
  const all = versions(db, name);
  if (all.length === 0) throw new HttpFailure(404, "not_found", `no stored query ${name}`);
  sendJson(res, 200, all.map(entry));
}

async function execute(
  ctx: ClinicalContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  version: string | undefined,
): Promise<void> {
  const db = await ctx.db();
  const stored = findStored(db, name, version);
  const request = await queryRequest(req, res, stored.q);
  sendJson(res, 200, run(db, request, name));
}

const n = (p: Record<string, string>): string => p.name ?? "";

/** The query routes (`/query/aql` before `/query/{name}`). */
export const QUERY_ROUTES: readonly Route[] = [
  { method: "POST", path: "/query/aql", scope: "api.read", handle: (ctx, req, res) => adHoc(ctx, req, res) },
  { method: "GET", path: "/query/aql", scope: "api.read", handle: (ctx, req, res) => adHoc(ctx, req, res) },
  {
    method: "PUT",
    path: "/definition/query/{name}",
    scope: "api.write",
    handle: (ctx, req, res, p) => store(ctx, req, res, n(p), undefined),
  },
  {
    method: "PUT",
    path: "/definition/query/{name}/{version}",
    scope: "api.write",
    handle: (ctx, req, res, p) => store(ctx, req, res, n(p), p.version),
  },
  {
    method: "GET",
    path: "/definition/query/{name}",
    scope: "api.read",
    handle: (ctx, req, res, p) => describeStored(ctx, req, res, n(p), undefined),
  },
  {
    method: "GET",
    path: "/definition/query/{name}/{version}",
    scope: "api.read",
    handle: (ctx, req, res, p) => describeStored(ctx, req, res, n(p), p.version),
  },
  { method: "POST", path: "/query/{name}", scope: "api.read", handle: (ctx, req, res, p) => execute(ctx, req, res, n(p), undefined) },
  { method: "GET", path: "/query/{name}", scope: "api.read", handle: (ctx, req, res, p) => execute(ctx, req, res, n(p), undefined) },
  {
    method: "POST",
    path: "/query/{name}/{version}",
    scope: "api.read",
    handle: (ctx, req, res, p) => execute(ctx, req, res, n(p), p.version),
  },
  {
    method: "GET",
    path: "/query/{name}/{version}",
    scope: "api.read",
    handle: (ctx, req, res, p) => execute(ctx, req, res, n(p), p.version),
  },
];
