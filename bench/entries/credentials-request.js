// @cadasto/credentials-request: validate a request, then render the email, mailto link and RFC 7591 metadata.
import { parseCredentialsRequest, renderEmail, toClientMetadata, toMailtoUrl } from "@cadasto/credentials-request";

export function prepare(input, to) {
  const { request } = parseCredentialsRequest(input);
  return { email: renderEmail(request), mailto: toMailtoUrl(request, to), metadata: toClientMetadata(request) };
}
