// The slice of oidc-provider's API this package uses (the library ships no types).
// The sandbox imports its modules directly (lib/provider.js, lib/helpers/errors.js):
// the package entry adds only a console notice about the Node version.
declare module "oidc-provider/lib/provider.js" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface ProviderContext {
    readonly oidc: { readonly params?: Record<string, unknown> };
  }

  export class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}

declare module "oidc-provider/lib/helpers/errors.js" {
  type ErrorClass = new (description?: string, detail?: string) => Error;
  export const InvalidTarget: ErrorClass;
  export const InvalidScope: ErrorClass;
  export const InvalidRequest: ErrorClass;
}
