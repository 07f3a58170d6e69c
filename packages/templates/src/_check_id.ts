// Internal: a template id (or version id) argument, checked before any request.
import { encodePathSegment, isRestClientError } from "@cadasto/rest";
import { refuse } from "./_refuse.ts";
import { parseTemplateVersionId } from "./template_version_id.ts";

/**
 * `id` when it is a usable string: empty parts are TemplateIdErrors; `.` and
 * `..` (which a URL would resolve to another path) are `invalid_option`.
 */
export function checkId(id: unknown, field: string): string {
  if (typeof id !== "string") {
    refuse(field, `${field} must be a string: a template_id or {template_id}::{uid}.`);
  }
  parseTemplateVersionId(id);
  try {
    encodePathSegment(id, field);
  } catch (error) {
    if (isRestClientError(error)) refuse(field, error.message);
    throw error;
  }
  return id;
}
