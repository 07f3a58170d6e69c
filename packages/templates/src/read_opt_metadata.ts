// readOptMetadata() and its types live in @cadasto/opt, the one OPT reader of the
// project (the sandbox reads uploads with it too); this package re-exports them unchanged.
export { OPT_LIMITS, type OptMetadata, type OptSource, type ReadOptOptions, readOptMetadata } from "@cadasto/opt";
