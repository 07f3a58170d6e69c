// readOptMetadata alone: the identity of an OPT file.
import { readOptMetadata } from "@cadasto/templates";

export function metadata(opt) {
  return readOptMetadata(opt);
}
