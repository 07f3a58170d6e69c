// Internal: the error for an argument refused before any request. It is the
// REST core's RestClientError with code `invalid_option` and the argument in
// `field`, so every refused input of the SDK is one kind of error.
import { RestClientError } from "@cadasto/rest";

/** A refused argument: `field` names it, the message says what to pass instead. */
export function invalid(field: string, message: string, cause?: unknown): RestClientError {
  return new RestClientError("invalid_option", message, cause === undefined ? { field } : { field, cause });
}
