// The slice of oidc-provider's API this package uses (the library ships no types).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface ProviderContext {
    readonly oidc: { readonly params?: Record<string, unknown> };
  }

  export class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }

  type ErrorClass = new (description?: string, detail?: string) => Error;
  export const errors: {
    readonly InvalidTarget: ErrorClass;
    readonly InvalidScope: ErrorClass;
    readonly InvalidRequest: ErrorClass;
  };
  export default Provider;
}
