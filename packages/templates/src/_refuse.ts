// Internal: an option or argument refused before any request.
import { TemplatesClientError } from "./client_errors.ts";

/** Throws the `invalid_option` {@linkcode TemplatesClientError} naming `field`. */
export function refuse(field: string, message: string): never {
  throw new TemplatesClientError("invalid_option", message, { field });
}
