// Internal: the REST client the templates operations send with, building this
// package's error classes and advice.
import { createRestClient, type RestClient, type RestErrorFactory } from "@cadasto/rest";
import { templatesAdvice } from "./_advice.ts";
import { TemplateConflictError, TemplatesApiError, TemplatesClientError } from "./client_errors.ts";
import type { TemplatesClientOptions } from "./templates_client_options.ts";
import { refuse } from "./_refuse.ts";

/** The Definition API's collection of ADL 1.4 templates, as path segments. */
export const TEMPLATES_PATH: readonly string[] = ["definition", "template", "adl1.4"];

const templatesErrors: RestErrorFactory = {
  api: (message, init) => (init.status === 409 ? new TemplateConflictError(message, init) : new TemplatesApiError(message, init)),
  client: (code, message, options) => new TemplatesClientError(code, message, options),
};

/** A REST client for the templates operations; options are checked here (errors name the field). */
export function templatesApi(options: TemplatesClientOptions): RestClient {
  if (typeof options !== "object" || options === null) {
    refuse("options", "createTemplatesClient() takes an options object with a baseUrl.");
  }
  const { baseUrl, auth, fetch, ky, retry, timeout, hooks } = options;
  return createRestClient({ baseUrl, auth, fetch, ky, retry, timeout, hooks, errors: templatesErrors, advice: templatesAdvice });
}
