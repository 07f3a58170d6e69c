/**
 * openEHR ADL 1.4 operational templates on Cadasto: OPT metadata, {template_id}::{uid} version ids, upload/list/get/ensure, and a CI command.
 *
 * @module
 */

export {};
