/**
 * OAuth 2.0 client credentials for Cadasto on oauth4webapi: cached, renewed-ahead tokens, one token request for any number of callers, authenticated fetch and ky hooks.
 *
 * @module
 */

export {};
