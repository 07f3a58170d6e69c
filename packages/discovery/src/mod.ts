/**
 * Reads a Cadasto environment's SMART configuration: token endpoint, openEHR API base URL, validated and cached.
 *
 * @module
 */

export {};
