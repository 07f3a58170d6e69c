// Internal: the UUID form of a template version's uid, shared by the version id
// parser and the list reader. RFC 4122 / RFC 9562 textual form (8-4-4-4-12 hex
// digits), any version and variant, either case. Case is kept, so parse → format
// round-trips exactly.
export const UUID: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
