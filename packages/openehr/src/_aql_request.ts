// Internal: checks an AQL query and its parameters before any request, and
// turns it into the request body's `q` and `query_parameters`.
import type { AqlInput, AqlParameterValue } from "./aql_query.ts";
import { invalid } from "./_invalid.ts";

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks one parameter value; returns what is sent (a Date as its ISO string). */
export function checkParameter(value: unknown, field: string): AqlParameterValue {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(field, `AQL parameter ${field} is an invalid Date.`);
    return value.toISOString();
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw invalid(field, `AQL parameter ${field} is ${value}: JSON cannot carry it; pass a finite number.`);
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.every((item) => ["string", "number", "boolean"].includes(typeof item))) {
    return value as readonly (string | number | boolean)[];
  }
  const kind = value === null ? "null" : Array.isArray(value) ? "an array of mixed values" : typeof value;
  throw invalid(field, `AQL parameter ${field} is ${kind}: pass a string, number, boolean, Date or an array of those.`);
}

/**
 * Turns a plain string or `{ q, params }` into the request body's `q` and
 * `query_parameters`, checking both before any request.
 */
export function toAqlRequest(input: AqlInput<unknown>): {
  q: string;
  query_parameters: Record<string, AqlParameterValue> | undefined;
} {
  const { q, params } = typeof input === "string" ? { q: input, params: undefined } : (input ?? { q: undefined, params: undefined });
  if (typeof q !== "string" || q.trim() === "") {
    throw invalid("q", "The AQL query is empty: pass the query text, aql`…`, or { q, params }.");
  }
  if (params === undefined) return { q, query_parameters: undefined };
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw invalid("params", "params must be an object of parameter names to values.");
  }
  const query_parameters: Record<string, AqlParameterValue> = {};
  for (const [name, value] of Object.entries(params)) {
    const bare = name.startsWith("$") ? name.slice(1) : name;
    if (!PARAMETER_NAME.test(bare)) {
      throw invalid(
        `params.${name}`,
        `AQL parameter name "${name}" is not a name: use letters, digits and _ (written $${bare.replace(/\W/g, "_") || "name"} in the query).`,
      );
    }
    query_parameters[bare] = checkParameter(value, `params.${bare}`);
  }
  return { q, query_parameters: Object.keys(query_parameters).length === 0 ? undefined : query_parameters };
}
