// The errors reference, read from the code (the one source of truth): for every
// package under packages/, the error classes its src/mod.ts exports and the codes
// they carry, each with its documented meaning.
//
// The convention every package follows (the generator fails, naming the place, when
// one is broken):
//   1. An exported error class (a class that extends Error, directly or not) that has a
//      `code` property types it with a union of string literals: a type alias named `…Code`
//      (`DiscoveryErrorCode`) or an inline union. `string` is allowed only on a base
//      class that other exported error classes extend; an open set ends in `(string & {})`.
//   2. Every member of such a union has a JSDoc comment right before it saying what the
//      code means and what to do:
//          export type DiscoveryErrorCode =
//            /** No complete answer within `timeout`: try again, or raise `timeout`. */
//            | "timeout"
//   3. Every exported type alias whose name ends in `Code` (e.g. an issue code union
//      such as `CredentialsRequestIssueCode`) follows rule 2 and is listed too; numeric
//      ones (exit codes) are not error codes and are left to the commands reference.
//   An error class without a `code` (a command's UsageError) is listed, to be caught by class.
//
// Usage as a check: node scripts/reference/error_codes.mjs   (prints the codes; exit 1 on a break)
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root, sourceEntries, workspacePackages } from "../packages.mjs";

const ts = createRequire(join(root, "apps/docs/package.json"))("typescript");

/** Every entry point of every package: `{ dir, name, entries: [{ specifier, file }] }`. */
export function packagesWithEntry(problems = []) {
  return workspacePackages()
    .map((pkg) => ({
      dir: pkg.dir,
      name: pkg.manifest.name,
      entries: sourceEntries(pkg, problems).filter((entry) => existsSync(entry.file)),
    }))
    .filter((pkg) => pkg.entries.length > 0);
}

/** The JSDoc text of a `/** … *\/` comment, without the stars. */
function commentText(raw) {
  return raw
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim()
    .replace(/\{@link(?:code|plain)? ([^}|\s]+)(?:[ |]([^}]*))?\}/g, (_, target, text) => `\`${text?.trim() || target}\``);
}

/** The first paragraph of a declaration's JSDoc. */
function summaryOf(node) {
  const doc = ts.getJSDocCommentsAndTags(node).find(ts.isJSDoc);
  const text =
    typeof doc?.comment === "string"
      ? doc.comment
      : (doc?.comment ?? [])
          .map((part) =>
            ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)
              ? `\`${part.text.trim() || part.name?.getText()}\``
              : (part.text ?? ""),
          )
          .join("");
  return commentText(`/**${text}*/`)
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, " ")
    .trim();
}

/** The last JSDoc comment in `text` (the source between a union member and the one before it). */
function lastDocComment(text) {
  const found = [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)];
  return found.length === 0 ? undefined : commentText(found.at(-1)[0]);
}

/**
 * The codes a type node stands for: `{ codes: [{ code, meaning, where }], open, problems }`.
 * `where` is "file:line" of the literal.
 */
function codesOfTypeNode(node, checker, program, problems, context) {
  const codes = [];
  let open = false;
  const where = (n) => {
    const file = n.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(n.getStart());
    return `${file.fileName.slice(root.length)}:${line + 1}`;
  };
  const visit = (n, regionStart) => {
    if (ts.isParenthesizedTypeNode(n)) return visit(n.type, regionStart);
    if (ts.isUnionTypeNode(n)) {
      let start = regionStart;
      for (const member of n.types) {
        visit(member, start);
        start = member.end;
      }
      return;
    }
    if (ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal)) {
      const text = n.getSourceFile().text.slice(regionStart, n.getStart());
      const meaning = lastDocComment(text);
      if (!meaning) {
        problems.push(
          `${where(n)}: code "${n.literal.text}" of ${context} has no meaning: put a JSDoc comment right before it (/** what it means and what to do */ | "${n.literal.text}")`,
        );
      }
      codes.push({ code: n.literal.text, meaning: meaning ?? "", where: where(n) });
      return;
    }
    if (ts.isIntersectionTypeNode(n) && n.types.some((t) => t.kind === ts.SyntaxKind.StringKeyword)) {
      open = true;
      return;
    }
    if (ts.isTypeReferenceNode(n)) {
      let symbol = checker.getSymbolAtLocation(n.typeName);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      // Exclude<Codes, "a" | "b">: the codes of the first argument without those of the second.
      if (
        symbol?.getName() === "Exclude" &&
        n.typeArguments?.length === 2 &&
        symbol.declarations?.some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()))
      ) {
        const removed = codesOfTypeNode(n.typeArguments[1], checker, program, [], context).codes.map((c) => c.code);
        const kept = codesOfTypeNode(n.typeArguments[0], checker, program, problems, context);
        codes.push(...kept.codes.filter((c) => !removed.includes(c.code)));
        open ||= kept.open;
        return;
      }
      // A class's type parameter (`code: Code`, `Code extends string = ApiErrorCode`): its default.
      const parameter = symbol?.declarations?.find(ts.isTypeParameterDeclaration);
      if (parameter?.default) return visit(parameter.default, parameter.default.pos);
      const declaration = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
      if (declaration) return visit(declaration.type, declaration.type.pos);
    }
    problems.push(`${where(n)}: ${context} uses \`${n.getText()}\`: codes must be string literals (a union of them, or an alias of one)`);
  };
  visit(node, node.pos);
  return { codes, open };
}

/** Whether a class type extends the global Error (directly or through other classes). */
function extendsError(type, checker, program, seen = new Set()) {
  for (const base of checker.getBaseTypes(type) ?? []) {
    const symbol = base.getSymbol();
    if (!symbol || seen.has(symbol)) continue;
    seen.add(symbol);
    if (symbol.getName() === "Error" && symbol.declarations?.some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile())))
      return true;
    if (extendsError(base, checker, program, seen)) return true;
  }
  return false;
}

/**
 * Every package's error classes and code unions.
 * Returns `{ packages: [{ dir, name, classes: [{ name, summary, base, codes, open, codeType }], unions: [{ name, summary, codes, open }] }], problems }`.
 */
export function collectErrorCodes(packages = undefined) {
  const problems = [];
  packages ??= packagesWithEntry(problems);
  const program = ts.createProgram(
    packages.flatMap((p) => p.entries.map((entry) => entry.file)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: [],
    },
  );
  const checker = program.getTypeChecker();
  const result = [];
  for (const pkg of packages) {
    const classes = [];
    const unions = [];
    const seen = new Set();
    const exports = [];
    for (const entry of pkg.entries) {
      const source = program.getSourceFile(entry.file);
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      if (!moduleSymbol) problems.push(`${pkg.name}: cannot read ${entry.file}`);
      else exports.push(...checker.getExportsOfModule(moduleSymbol).map((symbol) => ({ symbol, module: entry.specifier })));
    }
    for (const { symbol: exported, module } of exports) {
      if (seen.has(exported.getName())) continue;
      seen.add(exported.getName());
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = exported.getName();
      // A name re-exported from another package (openehr's ApiError from rest, templates' OptError
      // from opt) is listed once, under the package that declares it.
      const declaredIn = symbol.declarations?.[0]?.getSourceFile().fileName.replaceAll("\\", "/") ?? "";
      const home = /\/packages\/([^/]+)\//.exec(declaredIn)?.[1];
      if (home !== undefined && home !== pkg.dir && packages.some((other) => other.dir === home)) continue;
      const classDeclaration = symbol.declarations?.find(ts.isClassDeclaration);
      if (classDeclaration && extendsError(checker.getDeclaredTypeOfSymbol(symbol), checker, program)) {
        const property = checker.getPropertyOfType(checker.getDeclaredTypeOfSymbol(symbol), "code");
        const declaration = property?.declarations?.find((d) => ts.isPropertyDeclaration(d) || ts.isPropertySignature(d));
        const baseClause = classDeclaration.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
        const entry = {
          name,
          module,
          summary: summaryOf(classDeclaration),
          base: baseClause?.expression.getText(),
          codes: [],
          open: false,
          codeType: undefined,
        };
        if (!property) {
          entry.codeType = "none"; // caught by its class (e.g. a command's usage error): listed without codes
        } else if (!declaration?.type) {
          problems.push(
            `${pkg.name}: ${name} has no typed \`code\` property: declare \`readonly code: ${name}Code\` (a union of documented string literals)`,
          );
        } else if (declaration.type.kind === ts.SyntaxKind.StringKeyword) {
          entry.codeType = "string";
        } else {
          const found = codesOfTypeNode(declaration.type, checker, program, problems, `${pkg.name} ${name}.code`);
          entry.codes = found.codes;
          entry.open = found.open;
          if (ts.isTypeReferenceNode(declaration.type)) {
            let codeSymbol = checker.getSymbolAtLocation(declaration.type.typeName);
            if (codeSymbol && codeSymbol.flags & ts.SymbolFlags.Alias) codeSymbol = checker.getAliasedSymbol(codeSymbol);
            const parameter = codeSymbol?.declarations?.find(ts.isTypeParameterDeclaration);
            // A type parameter (`code: Code`) names its default's alias, the type the reference pages have.
            const named = parameter?.default && ts.isTypeReferenceNode(parameter.default) ? parameter.default : declaration.type;
            entry.codeType = named.typeName.getText();
          }
        }
        classes.push(entry);
        continue;
      }
      const alias = symbol.declarations?.find(ts.isTypeAliasDeclaration);
      const aliasType = alias ? checker.getTypeAtLocation(alias.name) : undefined;
      const numeric =
        aliasType !== undefined &&
        (aliasType.isUnion() ? aliasType.types : [aliasType]).every((t) => (t.flags & ts.TypeFlags.NumberLike) !== 0);
      if (alias && /Code$/.test(name) && !numeric) {
        const found = codesOfTypeNode(alias.type, checker, program, problems, `${pkg.name} ${name}`);
        unions.push({ name, module, summary: summaryOf(alias), ...found });
      }
    }
    // `code: string` only on a base class that other exported error classes extend.
    for (const entry of classes) {
      if (entry.codeType !== "string") continue;
      if (!classes.some((other) => other.base === entry.name)) {
        problems.push(
          `${pkg.name}: ${entry.name}.code is typed \`string\`: give it a union of string literals, each with a /** meaning */ comment (end it in \`| (string & {})\` if the set is open)`,
        );
      }
    }
    classes.sort((a, b) => a.name.localeCompare(b.name));
    unions.sort((a, b) => a.name.localeCompare(b.name));
    result.push({ dir: pkg.dir, name: pkg.name, classes, unions });
  }
  return { packages: result, problems: [...new Set(problems)] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { packages, problems } = collectErrorCodes();
  for (const pkg of packages) {
    for (const c of pkg.classes)
      console.log(
        `${pkg.name} ${c.name}: ${c.codeType === "string" ? "(base class)" : c.codes.map((x) => x.code).join(", ")}${c.open ? ", …" : ""}`,
      );
    for (const u of pkg.unions) console.log(`${pkg.name} ${u.name}: ${u.codes.map((x) => x.code).join(", ")}`);
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problems:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    process.exit(1);
  }
}
