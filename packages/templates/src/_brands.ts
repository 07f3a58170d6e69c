// Internal: the brands of this package's error classes (see errorBrand of @cadasto/core).
import { type ErrorBrand, errorBrand } from "@cadasto/core";

/** A class's brand; errors of 0.1 (marked `@cadasto/templates/error-kind` = their kind) are still recognised. */
function brandOf(name: string, kinds: readonly string[] = [name]): ErrorBrand {
  return errorBrand(name, { legacy: kinds.map((value) => ({ key: "@cadasto/templates/error-kind", value })) });
}

export const TEMPLATE_ID_ERROR: ErrorBrand = /* @__PURE__ */ brandOf("TemplateIdError");
export const TEMPLATES_CLIENT_ERROR: ErrorBrand = /* @__PURE__ */ brandOf("TemplatesClientError");
export const TEMPLATES_API_ERROR: ErrorBrand = /* @__PURE__ */ brandOf("TemplatesApiError", ["TemplatesApiError", "TemplateConflictError"]);
export const TEMPLATE_CONFLICT_ERROR: ErrorBrand = /* @__PURE__ */ brandOf("TemplateConflictError");
