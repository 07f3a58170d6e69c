// Internal: translates a parsed AQL query into one SQL statement over the
// index (_index.ts). Every value from the query or its parameters is bound
// as a named SQL parameter; user-chosen names (variables, aliases) never
// reach the SQL text, which only holds generated aliases.
import { AqlError, type ClassRef, type Condition, type Operand, type Query } from "./_aql_parse.ts";
import { ARCHETYPE_ID } from "./_index.ts";
import { SYSTEM_ID } from "./_clinical_http.ts";

export type ParamValue = string | number | boolean;

/** The statement, its bound values, and how to read each column. */
export interface Translated {
  readonly sql: string;
  readonly params: Record<string, string | number | null>;
  readonly columns: readonly { readonly name: string; readonly path: string; readonly json: boolean }[];
}

const ENTRY_TYPES = new Set(["OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "SECTION", "CLUSTER"]);
const AT_CODE = /^(at|id)\d+(\.\d+)*$/;

const EHR_COLUMNS: Record<string, string> = {
  "ehr_id/value": "e.ehr_id",
  "time_created/value": "e.time_created",
  "system_id/value": `'${SYSTEM_ID}'`,
  "ehr_status/subject/external_ref/id/value": "e.subject_id",
  "ehr_status/subject/external_ref/namespace": "e.subject_ns",
};
const COMPOSITION_COLUMNS: Record<string, string> = {
  "uid/value": "v.uid",
  "archetype_details/template_id/value": "v.template_id",
  archetype_node_id: "c.archetype_id",
};

function globEscape(text: string): string {
  return text.replace(/[[*?]/g, (c) => `[${c}]`);
}

/** AQL LIKE wildcards (`*`, `?`) as an SQLite GLOB pattern (case-sensitive, like AQL). */
export function likeToGlob(pattern: string): string {
  return pattern.replace(/\[/g, "[[]");
}

/** A value expression: how to compare it, how to output it, and what joins it needs. */
interface Resolved {
  readonly compare: string | undefined;
  readonly output: string;
  readonly json: boolean;
  readonly exists: string;
  readonly links: readonly { readonly table: "arch" | "node"; readonly alias: string; readonly on: string }[];
}

/** Translates `query` with `parameters` (values bound, never spliced). */
export function translate(query: Query, parameters: Record<string, unknown>): Translated {
  const params: Record<string, string | number | null> = {};
  let counter = 0;
  const bind = (value: ParamValue): string => {
    const name = `:p${counter++}`;
    params[name] = typeof value === "boolean" ? Number(value) : value;
    return name;
  };
  const boundValue = (operand: Operand): string => {
    if (operand.kind === "literal") return bind(operand.value);
    if (operand.kind === "param") {
      if (!Object.hasOwn(parameters, operand.name))
        throw new AqlError(`the query uses $${operand.name}, which query_parameters does not give`);
      const value = parameters[operand.name];
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        throw new AqlError(`query parameter ${operand.name} must be a string, a number or a boolean`);
      }
      return bind(value);
    }
    throw new AqlError("internal: a path is not a value");
  };

  // FROM: EHR e → COMPOSITION c → one entry class x.
  const variables = new Map<string, { kind: "ehr" | "composition" | "entry"; alias: string }>();
  const joins: string[] = [];
  const where: string[] = [];
  const [first, ...rest] = query.from;
  let classes: readonly ClassRef[] = query.from;
  if (first?.type === "EHR") {
    if (first.variable !== undefined) variables.set(first.variable, { kind: "ehr", alias: "e" });
    if (first.ehrId !== undefined) where.push(`e.ehr_id = ${boundValue(first.ehrId)}`);
    classes = rest;
  }
  const [composition, entry, ...deeper] = classes;
  if (deeper.length > 0)
    throw new AqlError(`CONTAINS ${deeper[0]?.type} under ${entry?.type} is not supported: the subset goes EHR → COMPOSITION → one class`);
  if (composition !== undefined) {
    if (composition.type !== "COMPOSITION") {
      throw new AqlError(
        `${composition.type} directly under EHR is not supported: write CONTAINS COMPOSITION c CONTAINS ${composition.type} …`,
      );
    }
    joins.push("JOIN arch c ON c.ehr_id = e.ehr_id AND c.parent IS NULL", "JOIN version v ON v.id = c.vid");
    if (composition.archetypeId !== undefined) joins.push(`AND c.archetype_id = ${bind(composition.archetypeId)}`);
    if (composition.variable !== undefined) variables.set(composition.variable, { kind: "composition", alias: "c" });
  }
  if (entry !== undefined) {
    if (!ENTRY_TYPES.has(entry.type))
      throw new AqlError(`CONTAINS ${entry.type} is not supported (supported: ${[...ENTRY_TYPES].join(", ")})`);
    if ((entry.type === "CLUSTER" || entry.type === "SECTION") && entry.archetypeId === undefined) {
      throw new AqlError(`CONTAINS ${entry.type} needs an [archetype_id] in this sandbox`);
    }
    joins.push(`JOIN arch x ON x.vid = c.vid AND x.parent IS NOT NULL AND x.rm_type = ${bind(entry.type)}`);
    if (entry.archetypeId !== undefined) joins.push(`AND x.archetype_id = ${bind(entry.archetypeId)}`);
    if (entry.variable !== undefined) variables.set(entry.variable, { kind: "entry", alias: "x" });
  }
  if (first?.type !== "EHR" && composition === undefined)
    throw new AqlError(`FROM ${first?.type ?? "nothing"} is not supported: start with FROM EHR e or FROM COMPOSITION c`);

  let linkCounter = 0;
  const resolve = (operand: Operand & { kind: "path" }): Resolved => {
    const variable = variables.get(operand.variable);
    if (variable === undefined) throw new AqlError(`${operand.variable} is not a variable declared in FROM`);
    const shown = `${operand.variable}${operand.path === "" ? "" : `/${operand.path}`}`;
    if (variable.kind === "ehr") {
      const column = EHR_COLUMNS[operand.path];
      if (column === undefined)
        throw new AqlError(
          `the EHR path ${shown} is not supported (supported: ${Object.keys(EHR_COLUMNS)
            .map((p) => `${operand.variable}/${p}`)
            .join(", ")})`,
        );
      return { compare: column, output: column, json: false, exists: `${column} IS NOT NULL`, links: [] };
    }
    if (variable.kind === "composition" && COMPOSITION_COLUMNS[operand.path] !== undefined) {
      const column = COMPOSITION_COLUMNS[operand.path] ?? "";
      return { compare: column, output: column, json: false, exists: `${column} IS NOT NULL`, links: [] };
    }
    const links: { table: "arch" | "node"; alias: string; on: string }[] = [];
    let owner = variable.alias;
    let rel: string[] = [];
    let bare: string[] = [];
    const segments = operand.path === "" ? [] : operand.path.split(/\/(?![^[]*\])/);
    const link = (table: "arch" | "node") => {
      const alias = `l${linkCounter++}`;
      const on = table === "arch" ? `${alias}.parent = ${owner}.id` : `${alias}.owner = ${owner}.id`;
      links.push({
        table,
        alias,
        on: `${on} AND ${alias}.bare = ${bind(`/${bare.join("/")}`)} AND ${alias}.rel GLOB ${bind(rel.join(""))}`,
      });
      rel = [];
      bare = [];
      return alias;
    };
    for (const segment of segments) {
      const match = /^(\w+)(?:\[([^\]]*)\])?$/.exec(segment);
      if (match === null) throw new AqlError(`the path segment ${JSON.stringify(segment)} in ${shown} is not supported`);
      const [, attribute = "", predicate] = match;
      const id = predicate?.trim();
      if (id !== undefined && !AT_CODE.test(id) && !ARCHETYPE_ID.test(id)) {
        throw new AqlError(`the predicate [${predicate}] in ${shown} is not supported: only [atNNNN] node ids and [archetype_id] are`);
      }
      bare.push(attribute);
      rel.push(`/${globEscape(attribute)}${id === undefined ? "*" : `[[]${globEscape(id)}]`}`);
      if (id !== undefined && ARCHETYPE_ID.test(id)) owner = link("arch");
    }
    if (rel.length === 0) {
      const exists = owner === variable.alias ? "1" : `${owner}.id IS NOT NULL`;
      return { compare: undefined, output: `v.body -> ${owner}.jp`, json: true, exists, links };
    }
    const node = link("node");
    return { compare: `${node}.val`, output: `v.body -> ${node}.jp`, json: true, exists: `${node}.id IS NOT NULL`, links };
  };

  // SELECT and ORDER BY paths are joined (one row per matching node); WHERE-only paths are EXISTS sub-queries.
  const joined = new Map<string, Resolved>();
  const join = (operand: Operand & { kind: "path" }): Resolved => {
    const key = `${operand.variable}/${operand.path}`;
    let resolved = joined.get(key);
    if (resolved === undefined) {
      resolved = resolve(operand);
      for (const l of resolved.links) joins.push(`LEFT JOIN ${l.table} ${l.alias} ON ${l.on}`);
      joined.set(key, resolved);
    }
    return resolved;
  };

  const counts = query.select.filter((item) => item.count !== undefined);
  if (counts.length > 0 && counts.length < query.select.length)
    throw new AqlError("COUNT next to other columns needs GROUP BY, which the subset does not have");
  const columns = query.select.map((item) => {
    const name = item.alias ?? item.text;
    if (item.count !== undefined) {
      const target = item.path === undefined ? "*" : join(item.path);
      const sql = target === "*" ? "COUNT(*)" : `COUNT(${item.count.distinct ? "DISTINCT " : ""}${target.compare ?? target.output})`;
      return { name: item.alias ?? item.text, path: item.text, json: false, sql, order: sql };
    }
    const resolved = join(item.path ?? { kind: "path", variable: "", path: "" });
    return { name, path: item.text, json: resolved.json, sql: resolved.output, order: resolved.compare };
  });

  const condition = (c: Condition): string => {
    switch (c.kind) {
      case "and":
      case "or":
        return `(${condition(c.left)} ${c.kind.toUpperCase()} ${condition(c.right)})`;
      case "not":
        return `(NOT ${condition(c.operand)})`;
      case "exists": {
        const key = `${c.path.variable}/${c.path.path}`;
        const resolved = joined.get(key) ?? resolve(c.path);
        return joined.has(key) || resolved.links.length === 0 ? `(${resolved.exists})` : subquery(resolved, "1");
      }
      case "compare": {
        const sides = [c.left, c.right];
        const paths = sides.filter((s): s is Operand & { kind: "path" } => s.kind === "path");
        if (paths.length !== 1) throw new AqlError(`a comparison needs one path and one value (${paths.length} paths given)`);
        const [path] = paths;
        if (path === undefined) throw new AqlError("internal: no path");
        const other = sides.find((s) => s.kind !== "path") ?? c.right;
        const op = c.op === "LIKE" ? "GLOB" : c.op === "=" ? "=" : c.op;
        if (c.op === "LIKE" && c.left.kind !== "path") throw new AqlError("LIKE needs the path on its left");
        let value: string;
        if (c.op === "LIKE") {
          const raw = other.kind === "param" ? parameters[other.name] : other.kind === "literal" ? other.value : undefined;
          if (typeof raw !== "string") throw new AqlError("LIKE needs a string pattern");
          value = bind(likeToGlob(raw));
        } else {
          value = boundValue(other);
        }
        const key = `${path.variable}/${path.path}`;
        const resolved = joined.get(key) ?? resolve(path);
        if (resolved.compare === undefined) throw new AqlError(`${key} is an object: compare one of its values (e.g. …/value)`);
        const flipped = path === c.right ? (({ "<": ">", ">": "<", "<=": ">=", ">=": "<=" } as Record<string, string>)[op] ?? op) : op;
        const test = `${resolved.compare} ${flipped} ${value}`;
        return joined.has(key) || resolved.links.length === 0 ? `(${test})` : subquery(resolved, test);
      }
    }
  };
  const subquery = (resolved: Resolved, test: string): string => {
    const [head, ...tail] = resolved.links;
    if (head === undefined) return `(${test})`;
    const inner = tail.map((l) => `JOIN ${l.table} ${l.alias} ON ${l.on}`).join(" ");
    return `EXISTS (SELECT 1 FROM ${head.table} ${head.alias} ${inner} WHERE ${head.on} AND ${test})`;
  };
  if (query.where !== undefined) where.push(condition(query.where));

  const aliases = new Map(query.select.map((item, index) => [item.alias, columns[index]] as const));
  const order = query.orderBy.map(({ operand, descending }) => {
    const column = operand.path === "" ? aliases.get(operand.variable) : undefined;
    let sql: string;
    if (column !== undefined) {
      if (column.order === undefined) throw new AqlError(`ORDER BY ${operand.variable} names an object: order by one of its values`);
      sql = column.order;
    } else {
      const resolved = join(operand);
      if (resolved.compare === undefined)
        throw new AqlError(`ORDER BY ${operand.variable}/${operand.path} is an object: order by one of its values`);
      sql = resolved.compare;
    }
    return `${sql} ${descending ? "DESC" : "ASC"}`;
  });
  if (counts.length === 0) {
    // A stable order, so offset/fetch pages neither repeat nor skip rows.
    order.push("e.rowid", ...(composition === undefined ? [] : ["c.id"]), ...(entry === undefined ? [] : ["x.id"]));
    for (const resolved of joined.values()) for (const l of resolved.links) order.push(`${l.alias}.id`);
  }
  const sql = [
    `SELECT ${columns.map((c) => c.sql).join(", ")}`,
    "FROM ehr e",
    ...joins,
    where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`,
    order.length === 0 ? "" : `ORDER BY ${order.join(", ")}`,
  ]
    .filter((part) => part !== "")
    .join("\n");
  return { sql, params, columns: columns.map(({ name, path, json }) => ({ name, path, json })) };
}
