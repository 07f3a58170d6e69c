import { checkParameter } from "./_aql_request.ts";
import type { AqlParameterValue, AqlQuery } from "./aql_query.ts";
import { invalid } from "./_invalid.ts";

const IDENTIFIER_CHAR = /^[A-Za-z0-9_]/;
const QUOTES = ["'", '"'];

/**
 * Writes an AQL query whose interpolated values become parameters: each
 * `${value}` is replaced by `$p0`, `$p1`, … in the text and its value goes into
 * `query_parameters`, so a value such as `' OR 1=1 --` is compared as a value
 * and can never change the query.
 *
 * @param strings The query's literal parts (given by the tag).
 * @param values The interpolated values.
 * @returns The query text and its parameters.
 * @throws {RestClientError} `invalid_option` (`field` names the value) when a value is of a kind AQL cannot carry (`undefined`, an object, a function, a non-finite number), sits inside quotes (`'${x}'` would compare against the text `$p0`), or is glued to a name (`${x}abc`).
 *
 * @example The ehr id as a parameter, typed rows
 * ```ts
 * import { aql } from "@cadasto/openehr";
 * const ehrId = "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d";
 * const query = aql<{ uid: string }>`SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId}`;
 * console.log(query.q); // "… WHERE e/ehr_id/value = $p0"
 * console.log(query.params); // { p0: "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d" }
 * ```
 */
export function aql<Row = Record<string, unknown>>(strings: TemplateStringsArray, ...values: readonly AqlParameterValue[]): AqlQuery<Row> {
  let q = strings[0] ?? "";
  const params: Record<string, AqlParameterValue> = {};
  values.forEach((value, index) => {
    const before = strings[index] ?? "";
    const after = strings[index + 1] ?? "";
    const name = `p${index}`;
    const quote = QUOTES.find((mark) => before.endsWith(mark) && after.startsWith(mark));
    if (quote !== undefined) {
      throw invalid(
        `values[${index}]`,
        `aql: value ${index + 1} sits inside quotes (${quote}\${…}${quote}): remove the quotes, the value is sent as the parameter $${name} and compared as text already.`,
      );
    }
    if (IDENTIFIER_CHAR.test(after)) {
      throw invalid(
        `values[${index}]`,
        `aql: value ${index + 1} is directly followed by "${after.slice(0, 8)}", which would become part of the parameter's name: put a space or an operator after \${…}.`,
      );
    }
    params[name] = checkParameter(value, `values[${index}]`);
    q += `$${name}${after}`;
  });
  return { q, params };
}
