/**
 * A local Cadasto-compatible server for tests and demos: a real OAuth server (oidc-provider), SMART configuration and openEHR template endpoints on 127.0.0.1.
 *
 * @module
 */

export {};
