import type { CadastoEnvironment } from "@cadasto/core";
import * as v from "valibot";
import {
  AllowedOriginsSchema,
  ApplicationNameSchema,
  ContactEmailSchema,
  ContactNameSchema,
  ContactTeamSchema,
  DescriptionSchema,
  EnvironmentsSchema,
  FlowSchema,
  RedirectUrisSchema,
  ScopesSchema,
} from "./_fields.ts";
import { quote, registerCode } from "./_rules.ts";

/**
 * A Cadasto environment. Credentials are issued per environment.
 *
 * @example Name the environments of a request
 * ```ts
 * import type { Environment } from "@cadasto/credentials-request";
 * const environments: Environment[] = ["acceptation", "production"];
 * console.log(environments.join(", "));
 * ```
 */
export type Environment = CadastoEnvironment;

/**
 * How the client gets tokens: `"client-credentials"` for machine-to-machine
 * (a service holding a client secret), `"authorization-code-pkce"` when users
 * sign in (a browser, native or server-side web app with redirect URIs).
 *
 * @example Pick the flow of a backend service
 * ```ts
 * import type { Flow } from "@cadasto/credentials-request";
 * const flow: Flow = "client-credentials";
 * console.log(flow);
 * ```
 */
export type Flow = "client-credentials" | "authorization-code-pkce";

/**
 * The request as a user writes it (a form, a JSON file, CLI flags): lists may
 * be arrays or one space-separated string, optional fields may be `null`.
 *
 * @example A request for a machine-to-machine service
 * ```ts
 * import type { CredentialsRequestInput } from "@cadasto/credentials-request";
 * const input: CredentialsRequestInput = {
 *   applicationName: "Acme Lab Sync",
 *   environments: ["acceptation", "production"],
 *   scopes: "api.read api.write",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Uploads lab templates from CI.",
 * };
 * console.log(input.applicationName);
 * ```
 */
export interface CredentialsRequestInput {
  /** A friendly name Cadasto uses to identify the client. */
  applicationName: string;
  /** One or more of development, acceptation, production ("staging" is read as acceptation); commas or spaces between names. */
  environments: string | readonly string[];
  /** Stated flow; when absent it is inferred: redirect URIs or allowed origins mean `"authorization-code-pkce"`. */
  flow?: Flow | null | undefined;
  /** Where users return after signing in: required for `"authorization-code-pkce"`, must be empty for `"client-credentials"`. */
  redirectUris?: string | readonly string[] | null | undefined;
  /** CORS origins of a browser app: scheme, host and optional port. */
  allowedOrigins?: string | readonly string[] | null | undefined;
  /** At least one scope, e.g. `"api.read api.write"`. */
  scopes: string | readonly string[];
  /** The technical owner. `team` is an optional alias such as a chat channel. */
  contact: {
    /** The technical owner's name. */
    name: string;
    /** Their email address. */
    email: string;
    /** A team alias, e.g. a chat channel. */
    team?: string | null | undefined;
  };
  /** What the integration does and how it uses the API. */
  description: string;
}

/**
 * A validated, normalised request, as returned by
 * {@linkcode parseCredentialsRequest}: lists are arrays without duplicates,
 * environments are in the order development, acceptation, production, origins
 * are lower case without default ports, and `flow` is always set.
 *
 * @example Read a parsed request
 * ```ts
 * import { parseCredentialsRequest, type CredentialsRequest } from "@cadasto/credentials-request";
 * const { request }: { request: CredentialsRequest } = parseCredentialsRequest({
 *   applicationName: "Acme Lab Sync",
 *   environments: "production",
 *   scopes: "api.read",
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "Reads templates nightly.",
 * });
 * console.log(request.flow); // "client-credentials"
 * ```
 */
export interface CredentialsRequest {
  /** The application name, trimmed. */
  readonly applicationName: string;
  /** At least one environment, in the order development, acceptation, production. */
  readonly environments: readonly Environment[];
  /** The stated or inferred flow. */
  readonly flow: Flow;
  /** Redirect URIs as written (trimmed), without repeats; empty for client credentials. */
  readonly redirectUris: readonly string[];
  /** CORS origins, normalised (lower case, no default port), without repeats. */
  readonly allowedOrigins: readonly string[];
  /** At least one scope, without repeats, in the order given. */
  readonly scopes: readonly string[];
  /** The technical owner; `team` only when given. */
  readonly contact: {
    /** The technical owner's name. */
    readonly name: string;
    /** Their email address. */
    readonly email: string;
    /** A team alias, e.g. a chat channel. */
    readonly team?: string;
  };
  /** The description, trimmed, line breaks as "\n". */
  readonly description: string;
}

const FIELD_HINTS: Readonly<Record<string, string>> = {
  applicationName: 'the name Cadasto should know the client by, e.g. "Acme Lab Sync"',
  environments: 'one or more of development, acceptation, production, e.g. ["production"]',
  scopes: 'the scopes the client needs, e.g. "api.read api.write"',
  contact: 'the technical owner, e.g. { "name": "Jane Doe", "email": "jane.doe@example.com" }',
  description: "a sentence on what the integration does and how it uses the API",
  name: 'the technical owner\'s name, e.g. "Jane Doe"',
  email: 'the technical owner\'s email address, e.g. "jane.doe@example.com"',
};

const REQUEST_FIELDS = ["applicationName", "environments", "flow", "redirectUris", "allowedOrigins", "scopes", "contact", "description"];
const CONTACT_FIELDS = ["name", "email", "team"];

/** Missing keys and non-objects share the object schema's message. */
function objectMessage(what: string, example: string) {
  return (issue: v.BaseIssue<unknown>): string => {
    const key = issue.path?.at(-1)?.key;
    if (issue.kind === "schema" && issue.input === undefined) {
      const field = typeof key === "string" ? key : what;
      return `${what === "contact" && field !== what ? `contact.${field}` : field} is missing: add ${Object.hasOwn(FIELD_HINTS, field) ? FIELD_HINTS[field] : field}.`;
    }
    return `The ${what} must be an object, e.g. ${example}.`;
  };
}

const squash = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known field an unknown one was probably meant to be. */
function suggestion(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  const k = squash(key);
  if (k.length < 4) return undefined;
  return known.find((name) => {
    const n = squash(name);
    return n.startsWith(k) || n.endsWith(k) || k.startsWith(n) || distance(n, k) <= 2;
  });
}

const RequestFieldsSchema = v.looseObject(
  {
    applicationName: ApplicationNameSchema,
    environments: EnvironmentsSchema,
    flow: v.nullish(FlowSchema),
    redirectUris: v.nullish(RedirectUrisSchema),
    allowedOrigins: v.nullish(AllowedOriginsSchema),
    scopes: ScopesSchema,
    contact: v.looseObject(
      { name: ContactNameSchema, email: ContactEmailSchema, team: v.nullish(ContactTeamSchema) },
      objectMessage("contact", '{ "name": "Jane Doe", "email": "jane.doe@example.com" }'),
    ),
    description: DescriptionSchema,
  },
  objectMessage("request", '{ "applicationName": "…", "environments": ["production"], … }'),
);

// The input each output object of RequestObjectSchema was read from: valibot's objects leave out
// the keys __proto__, constructor and prototype, which unknownFields must still see and refuse.
const INPUTS = new WeakMap<object, unknown>();

/** RequestFieldsSchema, remembering its input for unknownFields. */
const RequestObjectSchema: typeof RequestFieldsSchema = {
  ...RequestFieldsSchema,
  "~run"(dataset, config) {
    const input = dataset.value;
    const output = RequestFieldsSchema["~run"](dataset, config);
    if (typeof output.value === "object" && output.value !== null) INPUTS.set(output.value, input);
    return output;
  },
};

/** More unknown keys than this in one object are reported as one issue. */
const MAX_UNKNOWN_FIELDS = 20;

/** Reports every unknown key (valibot's strict objects stop at the first), `__proto__`, `constructor` and `prototype` included. */
const unknownFields = v.rawCheck<v.InferOutput<typeof RequestObjectSchema>>(({ dataset, addIssue }) => {
  const walk = (value: unknown, known: readonly string[], parent: string | undefined) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const unknown = Object.keys(value).filter((key) => !known.includes(key));
    if (unknown.length > MAX_UNKNOWN_FIELDS) {
      addIssue({
        label: "field",
        expected: "known fields",
        received: `${unknown.length} unknown fields`,
        path: parent === undefined ? undefined : [{ type: "unknown", origin: "value", input: dataset.value, key: parent, value }],
        message: `The ${parent ?? "request"} has ${unknown.length} fields that are not part of the request: remove them. The fields are ${known.join(", ")}.`,
      });
      return;
    }
    for (const key of unknown) {
      if (known.includes(key)) continue;
      const near = suggestion(key, known);
      const name = parent === undefined ? key : `${parent}.${key}`;
      const path: [v.UnknownPathItem, ...v.UnknownPathItem[]] = [
        { type: "unknown", origin: "key", input: value, key, value: (value as Record<string, unknown>)[key] },
      ];
      if (parent !== undefined) {
        path.unshift({ type: "unknown", origin: "value", input: dataset.value, key: parent, value });
      }
      addIssue({
        label: "field",
        expected: "a known field",
        received: quote(key),
        path,
        message: `${quote(name)} is not a field of the request: ${near === undefined ? "remove it." : `did you mean "${near}"?`} The fields are ${known.join(", ")}.`,
      });
    }
  };
  const output: unknown = dataset.value;
  const input = typeof output === "object" && output !== null ? (INPUTS.get(output) ?? output) : output;
  walk(input, REQUEST_FIELDS, undefined);
  if (typeof input === "object" && input !== null && Object.hasOwn(input, "contact")) {
    walk((input as { contact?: unknown }).contact, CONTACT_FIELDS, "contact");
  }
});

interface FlowFields {
  flow?: Flow | null | undefined;
  redirectUris?: readonly string[] | null | undefined;
  allowedOrigins?: readonly string[] | null | undefined;
}

/** The stated flow, else the one the fields imply. */
function flowOf(request: FlowFields): Flow {
  if (request.flow) return request.flow;
  const interactive = (request.redirectUris?.length ?? 0) > 0 || (request.allowedOrigins?.length ?? 0) > 0;
  return interactive ? "authorization-code-pkce" : "client-credentials";
}

const FLOW_PATHS = [["flow"], ["redirectUris"], ["allowedOrigins"]] as const;

const machineClientHasNoRedirects = registerCode(
  "redirect_uris_for_machine_client",
  (request: FlowFields) => flowOf(request) !== "client-credentials" || (request.redirectUris?.length ?? 0) === 0,
);
const machineClientHasNoOrigins = registerCode(
  "origins_for_machine_client",
  (request: FlowFields) => flowOf(request) !== "client-credentials" || (request.allowedOrigins?.length ?? 0) === 0,
);
const interactiveClientHasRedirects = registerCode(
  "missing_redirect_uris",
  (request: FlowFields) => flowOf(request) !== "authorization-code-pkce" || (request.redirectUris?.length ?? 0) > 0,
);

/**
 * The valibot schema of a credentials request: takes a
 * {@linkcode CredentialsRequestInput} and outputs a normalised
 * {@linkcode CredentialsRequest}, with one issue per problem (field path and
 * a sentence saying how to fix it). Compose it into your own schemas, or use
 * {@linkcode parseCredentialsRequest} for issue codes and warnings.
 *
 * @example Validate a form's values with valibot
 * ```ts
 * import * as v from "valibot";
 * import { CredentialsRequestSchema } from "@cadasto/credentials-request";
 * const result = v.safeParse(CredentialsRequestSchema, {
 *   applicationName: "Acme Portal",
 *   environments: ["development"],
 *   redirectUris: ["https://portal.acme.example/callback"],
 *   allowedOrigins: ["https://portal.acme.example"],
 *   scopes: ["api.read"],
 *   contact: { name: "Jane Doe", email: "jane.doe@acme.example" },
 *   description: "A browser app where clinicians browse templates.",
 * });
 * if (!result.success) for (const issue of result.issues) console.log(v.getDotPath(issue), issue.message);
 * ```
 */
export const CredentialsRequestSchema: v.GenericSchema<CredentialsRequestInput, CredentialsRequest> = v.pipe(
  RequestObjectSchema,
  unknownFields,
  v.forward(
    v.partialCheck(
      FLOW_PATHS,
      machineClientHasNoRedirects,
      () =>
        'A client-credentials (machine-to-machine) client never sends users to sign in, so it has no redirect URIs: remove redirectUris, or set flow to "authorization-code-pkce" if users sign in.',
    ),
    ["redirectUris"],
  ),
  v.forward(
    v.partialCheck(
      FLOW_PATHS,
      machineClientHasNoOrigins,
      () =>
        'A client-credentials client holds a client secret, which must never reach a browser, so it needs no CORS origins: remove allowedOrigins, or set flow to "authorization-code-pkce" for a browser app.',
    ),
    ["allowedOrigins"],
  ),
  v.forward(
    v.partialCheck(FLOW_PATHS, interactiveClientHasRedirects, (issue) =>
      (issue.input as FlowFields).flow
        ? 'The authorization-code-pkce flow sends users to sign in and back to the app: add at least one redirect URI, e.g. "https://app.example.com/callback", or set flow to "client-credentials" for machine-to-machine.'
        : 'allowedOrigins says the app runs in a browser, which signs users in with authorization-code-pkce and needs a redirect URI: add redirectUris, e.g. "https://app.example.com/callback", or remove allowedOrigins for a machine-to-machine (client-credentials) integration.',
    ),
    ["redirectUris"],
  ),
  v.transform((value): CredentialsRequest => {
    const { name, email, team } = value.contact;
    return {
      applicationName: value.applicationName,
      environments: value.environments,
      flow: flowOf(value),
      redirectUris: value.redirectUris ?? [],
      allowedOrigins: value.allowedOrigins ?? [],
      scopes: value.scopes,
      contact: team ? { name, email, team } : { name, email },
      description: value.description,
    };
  }),
);
