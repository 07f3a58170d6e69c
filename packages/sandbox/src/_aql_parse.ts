// Internal: a parser for the AQL subset the sandbox answers (see the README).
// Anything outside the subset is an AqlError that names the unsupported part,
// so a client gets a 400 instead of a wrong answer.

/** Why a query cannot be answered; `message` names the part. */
export class AqlError extends Error {}

export type Operand =
  | { readonly kind: "path"; readonly variable: string; readonly path: string }
  | { readonly kind: "literal"; readonly value: string | number | boolean }
  | { readonly kind: "param"; readonly name: string };

export type Condition =
  | { readonly kind: "and" | "or"; readonly left: Condition; readonly right: Condition }
  | { readonly kind: "not"; readonly operand: Condition }
  | { readonly kind: "exists"; readonly path: Operand & { kind: "path" } }
  | { readonly kind: "compare"; readonly op: string; readonly left: Operand; readonly right: Operand };

export interface SelectItem {
  readonly path: (Operand & { kind: "path" }) | undefined;
  /** `COUNT(…)`: `distinct` for `COUNT(DISTINCT …)`; path undefined for `COUNT(*)`. */
  readonly count?: { readonly distinct: boolean };
  readonly alias: string | undefined;
  /** The text as written, for the column's `path`. */
  readonly text: string;
}

export interface ClassRef {
  readonly type: string;
  readonly variable: string | undefined;
  /** The archetype id in `[…]`, or for EHR the `ehr_id/value` it is pinned to. */
  readonly archetypeId: string | undefined;
  readonly ehrId: Operand | undefined;
}

export interface Query {
  readonly select: readonly SelectItem[];
  readonly from: readonly ClassRef[];
  readonly where: Condition | undefined;
  readonly orderBy: readonly { readonly operand: Operand & { kind: "path" }; readonly descending: boolean }[];
  readonly limit: number | undefined;
  readonly offset: number | undefined;
}

interface Token {
  readonly kind: "word" | "path" | "string" | "number" | "param" | "op" | "punct";
  readonly text: string;
  readonly at: number;
}

const KEYWORDS = new Set([
  "SELECT",
  "FROM",
  "CONTAINS",
  "WHERE",
  "ORDER",
  "BY",
  "ASC",
  "DESC",
  "ASCENDING",
  "DESCENDING",
  "LIMIT",
  "OFFSET",
  "AS",
  "AND",
  "OR",
  "NOT",
  "EXISTS",
  "LIKE",
  "COUNT",
  "DISTINCT",
  "TRUE",
  "FALSE",
]);
const UNSUPPORTED = new Set([
  "TOP",
  "MATCHES",
  "GROUP",
  "HAVING",
  "XOR",
  "UNION",
  "VERSION",
  "ALL_VERSIONS",
  "LATEST_VERSION",
  "MAX",
  "MIN",
  "SUM",
  "AVG",
  "STRING_AGG",
  "LENGTH",
  "CONTAINS_ALL",
  "TERMINOLOGY",
  "NULL",
  "IN",
]);

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] ?? "";
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      let text = "";
      i++;
      while (i < q.length && q[i] !== c) {
        if (q[i] === "\\" && i + 1 < q.length) i++;
        text += q[i];
        i++;
      }
      if (i >= q.length) throw new AqlError(`unterminated string literal at position ${start}`);
      i++;
      tokens.push({ kind: "string", text, at: start });
    } else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(q[i + 1] ?? ""))) {
      i++;
      while (i < q.length && /[0-9.eE]/.test(q[i] ?? "")) i++;
      tokens.push({ kind: "number", text: q.slice(start, i), at: start });
    } else if (c === "$") {
      i++;
      while (i < q.length && /[\w]/.test(q[i] ?? "")) i++;
      if (i === start + 1) throw new AqlError(`a parameter name must follow $ at position ${start}`);
      tokens.push({ kind: "param", text: q.slice(start + 1, i), at: start });
    } else if (/[A-Za-z_]/.test(c)) {
      // A word, or a path: word[predicate]/segment[predicate]/…
      let depth = 0;
      while (i < q.length) {
        const ch = q[i] ?? "";
        if (ch === "[") depth++;
        else if (ch === "]") depth--;
        else if (depth === 0 && !/[\w/.-]/.test(ch)) break;
        else if (depth > 0 && (ch === "'" || ch === '"')) {
          const close = q.indexOf(ch, i + 1);
          if (close < 0) throw new AqlError(`unterminated string literal at position ${i}`);
          i = close;
        }
        if (depth < 0) throw new AqlError(`unbalanced ] at position ${i}`);
        i++;
      }
      if (depth !== 0) throw new AqlError(`unbalanced [ in ${q.slice(start, i)}`);
      const text = q.slice(start, i).replace(/[.-]+$/, "");
      i = start + text.length;
      tokens.push({ kind: /[[/]/.test(text) ? "path" : "word", text, at: start });
    } else if (q.startsWith("!=", i) || q.startsWith("<=", i) || q.startsWith(">=", i) || q.startsWith("<>", i)) {
      tokens.push({ kind: "op", text: q.slice(i, i + 2) === "<>" ? "!=" : q.slice(i, i + 2), at: start });
      i += 2;
    } else if ("=<>".includes(c)) {
      tokens.push({ kind: "op", text: c, at: start });
      i++;
    } else if ("(),*{}".includes(c)) {
      tokens.push({ kind: "punct", text: c, at: start });
      i++;
    } else {
      throw new AqlError(`unexpected character ${JSON.stringify(c)} at position ${start}`);
    }
  }
  return tokens;
}

/** Parses an AQL query of the supported subset. */
export function parseAql(q: string): Query {
  const tokens = tokenize(q);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isWord = (word: string, t: Token | undefined = peek()): boolean => t?.kind === "word" && t.text.toUpperCase() === word;
  const describe = (t: Token | undefined): string =>
    t === undefined ? "the end of the query" : `${JSON.stringify(t.text)} at position ${t.at}`;
  const unsupported = (t: Token | undefined): never => {
    const word = t?.text.toUpperCase() ?? "";
    if (UNSUPPORTED.has(word)) throw new AqlError(`${word} is not supported by the sandbox's AQL subset (see the sandbox README)`);
    throw new AqlError(`unexpected ${describe(t)}`);
  };
  const expectWord = (word: string): void => {
    if (!isWord(word)) unsupported(peek());
    i++;
  };
  const integer = (what: string): number => {
    const t = tokens[i++];
    if (t?.kind !== "number" || !/^\d+$/.test(t.text)) throw new AqlError(`${what} needs a whole number, got ${describe(t)}`);
    return Number(t.text);
  };

  const pathOperand = (t: Token | undefined): Operand & { kind: "path" } => {
    if (t === undefined || (t.kind !== "path" && t.kind !== "word") || KEYWORDS.has(t.text.toUpperCase())) return unsupported(t);
    if (UNSUPPORTED.has(t.text.toUpperCase())) unsupported(t);
    const cut = t.text.indexOf("/");
    const variable = cut < 0 ? t.text : t.text.slice(0, cut);
    if (variable.includes("[")) throw new AqlError(`a predicate on the variable itself (${t.text}) is only supported in FROM`);
    return { kind: "path", variable, path: cut < 0 ? "" : t.text.slice(cut + 1) };
  };

  const operand = (): Operand => {
    const t = tokens[i++];
    if (t?.kind === "string") return { kind: "literal", value: t.text };
    if (t?.kind === "number") {
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw new AqlError(`${t.text} is not a number`);
      return { kind: "literal", value };
    }
    if (t?.kind === "param") return { kind: "param", name: t.text };
    if (isWord("TRUE", t) || isWord("FALSE", t)) return { kind: "literal", value: t?.text.toUpperCase() === "TRUE" };
    if (t?.kind === "punct" && t.text === "(")
      throw new AqlError(`a sub-query or parenthesised value at position ${t.at} is not supported`);
    return pathOperand(t);
  };

  // OR binds looser than AND: condition → conjunction → negation.
  const chain = (kind: "and" | "or", next: () => Condition) => (): Condition => {
    let left = next();
    while (isWord(kind.toUpperCase())) {
      i++;
      left = { kind, left, right: next() };
    }
    return left;
  };
  const conjunction = chain("and", () => negation());
  const condition = chain("or", conjunction);
  const negation = (): Condition => {
    if (isWord("NOT")) {
      i++;
      return { kind: "not", operand: negation() };
    }
    if (isWord("EXISTS")) {
      i++;
      return { kind: "exists", path: pathOperand(tokens[i++]) };
    }
    const t = peek();
    if (t?.kind === "punct" && t.text === "(") {
      i++;
      const inner = condition();
      const close = tokens[i++];
      if (close?.text !== ")") throw new AqlError(`expected ) but found ${describe(close)}`);
      return inner;
    }
    const left = operand();
    const op = peek();
    if (isWord("LIKE", op)) {
      i++;
      return { kind: "compare", op: "LIKE", left, right: operand() };
    }
    if (op?.kind !== "op") return unsupported(op);
    i++;
    return { kind: "compare", op: op.text, left, right: operand() };
  };

  const classRef = (): ClassRef => {
    const typeToken = tokens[i++];
    if (typeToken?.kind !== "word") return unsupported(typeToken);
    const type = typeToken.text.toUpperCase();
    const t = peek();
    if (t === undefined || (t.kind !== "word" && t.kind !== "path") || KEYWORDS.has(t.text.toUpperCase())) {
      return { type, variable: undefined, archetypeId: undefined, ehrId: undefined };
    }
    i++;
    const match = /^([A-Za-z_]\w*)(?:\[(.*)\])?$/s.exec(t.text);
    if (match === null) throw new AqlError(`${JSON.stringify(t.text)} is not a variable with an optional [archetype_id] predicate`);
    const variable = match[1];
    const predicate = match[2]?.trim();
    if (predicate === undefined || predicate === "") return { type, variable, archetypeId: undefined, ehrId: undefined };
    if (type === "EHR") {
      const pinned = /^ehr_id\/value\s*=\s*(?:'([^']*)'|"([^"]*)"|\$(\w+))$/.exec(predicate);
      if (pinned === null)
        throw new AqlError(`the EHR predicate [${predicate}] is not supported: use [ehr_id/value = $ehr_id] or a WHERE clause`);
      const ehrId: Operand =
        pinned[3] !== undefined ? { kind: "param", name: pinned[3] } : { kind: "literal", value: pinned[1] ?? pinned[2] ?? "" };
      return { type, variable, archetypeId: undefined, ehrId };
    }
    if (!/^[\w.-]+$/.test(predicate))
      throw new AqlError(`the predicate [${predicate}] on ${variable} is not supported: only [archetype_id] is`);
    return { type, variable, archetypeId: predicate, ehrId: undefined };
  };

  expectWord("SELECT");
  const select: SelectItem[] = [];
  do {
    if (peek()?.text === ",") i++;
    const startToken = peek();
    let item: SelectItem;
    if (isWord("COUNT")) {
      i++;
      if (tokens[i++]?.text !== "(") throw new AqlError("COUNT needs ( after it");
      const distinct = isWord("DISTINCT");
      if (distinct) i++;
      const star = peek()?.text === "*";
      const path = star ? undefined : pathOperand(tokens[i]);
      i++;
      if (tokens[i++]?.text !== ")") throw new AqlError("COUNT( … ) is missing its )");
      if (star && distinct) throw new AqlError("COUNT(DISTINCT *) is not valid: name a path");
      item = {
        path,
        count: { distinct },
        alias: undefined,
        text: `COUNT(${distinct ? "DISTINCT " : ""}${star ? "*" : `${path?.variable}${path?.path ? `/${path.path}` : ""}`})`,
      };
    } else {
      if (isWord("DISTINCT")) throw new AqlError("SELECT DISTINCT is not supported by the sandbox's AQL subset");
      const t = tokens[i++];
      const path = pathOperand(t);
      if (peek()?.text === "(") throw new AqlError(`the function ${path.variable}() is not supported: only COUNT is`);
      item = { path, alias: undefined, text: t?.text ?? "" };
    }
    if (isWord("AS")) {
      i++;
      const alias = tokens[i++];
      if (alias?.kind !== "word") throw new AqlError(`AS needs a name, got ${describe(alias)}`);
      item = { ...item, alias: alias.text };
    }
    if (startToken === undefined) unsupported(startToken);
    select.push(item);
  } while (peek()?.text === ",");

  expectWord("FROM");
  const from: ClassRef[] = [classRef()];
  while (isWord("CONTAINS")) {
    i++;
    if (peek()?.text === "(") throw new AqlError("CONTAINS with ( … AND/OR … ) is not supported: one class per CONTAINS");
    from.push(classRef());
  }
  if (isWord("AND") || isWord("OR")) throw new AqlError("CONTAINS … AND/OR … is not supported: one class per CONTAINS");

  let where: Condition | undefined;
  if (isWord("WHERE")) {
    i++;
    where = condition();
  }
  const orderBy: Query["orderBy"][number][] = [];
  if (isWord("ORDER")) {
    i++;
    expectWord("BY");
    do {
      if (peek()?.text === ",") i++;
      const operand = pathOperand(tokens[i++]);
      let descending = false;
      if (isWord("DESC") || isWord("DESCENDING")) {
        descending = true;
        i++;
      } else if (isWord("ASC") || isWord("ASCENDING")) {
        i++;
      }
      orderBy.push({ operand, descending });
    } while (peek()?.text === ",");
  }
  let limit: number | undefined;
  let offset: number | undefined;
  if (isWord("LIMIT")) {
    i++;
    limit = integer("LIMIT");
    if (isWord("OFFSET")) {
      i++;
      offset = integer("OFFSET");
    }
  }
  if (i < tokens.length) unsupported(peek());
  return { select, from, where, orderBy, limit, offset };
}
