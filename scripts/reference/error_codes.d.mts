// Types of error_codes.mjs, for the docs' tests.
export interface DocumentedCode {
  code: string;
  meaning: string;
  where: string;
}
export interface ErrorClassReference {
  name: string;
  /** The entry point that exports it, e.g. "@cadasto/core/cli". */
  module: string;
  summary: string;
  base: string | undefined;
  codes: DocumentedCode[];
  open: boolean;
  codeType: string | undefined;
}
export interface CodeUnionReference {
  name: string;
  module: string;
  summary: string;
  codes: DocumentedCode[];
  open: boolean;
}
export interface PackageEntries {
  dir: string;
  name: string;
  entries: { specifier: string; file: string }[];
}
export declare function collectErrorCodes(packages?: PackageEntries[]): {
  packages: { dir: string; name: string; classes: ErrorClassReference[]; unions: CodeUnionReference[] }[];
  problems: string[];
};
