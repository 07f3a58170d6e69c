/**
 * Validates and renders the request a team sends to Cadasto for API client credentials: email, mailto link, RFC 7591 client metadata, and a command.
 *
 * @module
 */

export {};
