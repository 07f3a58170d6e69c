// readOptMetadata(), its types and its error live in @cadasto/opt, the one OPT reader of the
// project (the sandbox reads uploads with it too); this package re-exports them unchanged, so
// `import { readOptMetadata, isOptError } from "@cadasto/templates"` keeps working.
export {
  isOptError,
  OPT_LIMITS,
  OptError,
  type OptErrorCode,
  type OptMetadata,
  type OptSource,
  type ReadOptOptions,
  readOptMetadata,
} from "@cadasto/opt";
