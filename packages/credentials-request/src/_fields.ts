// Internal: one valibot schema per field of the request, so the whole-request
// schema and the CLI's one-question-at-a-time prompts apply the same rules.
import { type CadastoEnvironment, isLocalhostName, isScopeToken, tryParseUrl } from "@cadasto/core";
import * as v from "valibot";
import {
  ENVIRONMENT_NAMES,
  FLOW_NAMES,
  hasCredentials,
  hasOnlyUriCharacters,
  isEmailAddress,
  isRedirectLoopbackLiteral,
  isPlainText,
  quote,
  rule,
  toList,
  typeMessage,
  unique,
} from "./_rules.ts";

type Environment = CadastoEnvironment;

/** The most items a list field may hold, the longest list given as one string, and the longest item. */
const MAX_LIST_ITEMS = 100;
const MAX_LIST_TEXT = 20_000;
const MAX_ITEM_TEXT = 2_000;
/** Whitespace around a text field that trimming may still remove before its own limit applies. */
const MAX_SURROUNDING_SPACE = 1_000;
type Flow = (typeof FLOW_NAMES)[number];

/** A trimmed, non-empty line (or paragraph, when `multiline`) of at most `max` characters. */
function text(label: string, example: string, max: number, { multiline = false, optional = false } = {}) {
  const tooLong = (value: string) => `${label} has ${value.length} characters: shorten it to at most ${max}.`;
  return v.pipe(
    v.string(typeMessage(label, `it, e.g. ${quote(example)}`, `${label} must be text, e.g. ${quote(example)}.`)),
    // Refused before any other work, so that a huge value costs no more than its length.
    rule("too_long", (value: string) => value.length <= max + MAX_SURROUNDING_SPACE, tooLong),
    // A paragraph's line and paragraph separators (U+2028, U+2029) become line breaks; a line refuses them.
    v.transform((value: string) => (multiline ? value.replace(/\r\n?|[\u2028\u2029]/g, "\n") : value).trim()),
    rule(
      "empty_field",
      (value: string) => optional || value.length > 0,
      () => `${label} is empty: write it, e.g. ${quote(example)}.`,
    ),
    rule("too_long", (value: string) => value.length <= max, tooLong),
    rule(
      "control_characters",
      (value: string) => isPlainText(value, multiline),
      () =>
        `${label} contains control characters${multiline ? "" : " or line breaks"}: keep it to plain text${multiline ? "" : " on one line"}.`,
    ),
  );
}

/**
 * A list given as one string (split on `separator`) or as an array of strings
 * (each split too when `splitItems`).
 */
function list(label: string, example: string, separator: RegExp, splitItems: boolean) {
  const tooMany = () => `${label} has more than ${MAX_LIST_ITEMS} items: a client needs far fewer; list only the ones it uses.`;
  return v.pipe(
    v.union(
      [v.string(), v.array(v.string())],
      typeMessage(
        label,
        `it, e.g. ${quote(example)}`,
        `${label} must be a list of strings or one string separated by spaces, e.g. ${quote(example)}.`,
      ),
    ),
    // Caps checked before the list is split or any item is checked, so validation stays linear.
    rule(
      "too_long",
      (value: string | string[]) =>
        typeof value === "string" ? value.length <= MAX_LIST_TEXT : value.every((item) => item.length <= MAX_ITEM_TEXT),
      (value) =>
        typeof value === "string"
          ? `${label} has ${value.length} characters: shorten it to at most ${MAX_LIST_TEXT}.`
          : `An item of ${label} has more than ${MAX_ITEM_TEXT} characters: shorten it.`,
    ),
    rule("too_many_items", (value: string | string[]) => typeof value === "string" || value.length <= MAX_LIST_ITEMS, tooMany),
    v.transform((value: string | string[]) => toList(value, separator, splitItems)),
    rule("too_many_items", (value: string[]) => value.length <= MAX_LIST_ITEMS, tooMany),
  );
}

/** The URL for text that the URL rules below have already accepted. */
function url(value: string): URL {
  return tryParseUrl(value) as URL;
}

const HAS_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Rules shared by redirect URIs and origins: an absolute http(s) URL, https unless loopback. */
function webUrl(label: string, example: string) {
  return v.pipe(
    v.string(`Each ${label} must be text, e.g. ${quote(example)}.`),
    v.transform((value: string) => value.trim()),
    rule(
      "invalid_uri_characters",
      hasOnlyUriCharacters,
      (value) =>
        `The ${label} ${quote(value)} contains characters a URL cannot hold (spaces, quotes, <, >, \\ or non-ASCII): percent-encode them, or write an international domain name in its xn-- form.`,
    ),
    rule(
      "not_absolute_url",
      (value: string) => !hasOnlyUriCharacters(value) || (HAS_AUTHORITY.test(value) && tryParseUrl(value) !== undefined),
      (value) => `The ${label} ${quote(value)} is not an absolute URL: write it in full, e.g. ${quote(example)}.`,
    ),
    rule(
      "unsupported_scheme",
      (value: string) => {
        const parsed = tryParseUrl(value);
        return parsed === undefined || parsed.protocol === "https:" || parsed.protocol === "http:";
      },
      (value) => `The ${label} ${quote(value)} uses "${url(value).protocol}": use an https URL.`,
    ),
    rule(
      "insecure_url",
      (value: string) => {
        const parsed = tryParseUrl(value);
        return parsed?.protocol !== "http:" || isRedirectLoopbackLiteral(parsed) || isLocalhostName(parsed.hostname);
      },
      (value) =>
        `The ${label} ${quote(value)} uses http on a host other than the loopback interface, so anyone on the network can read it: use https (http is only for 127.0.0.1 or [::1], RFC 8252 §7.3).`,
    ),
    rule(
      "url_credentials",
      (value: string) => {
        const parsed = tryParseUrl(value);
        return parsed === undefined || !hasCredentials(parsed);
      },
      (value) =>
        `The ${label} ${quote(value.replace(/\/\/[^/@]*@/, "//…@"))} contains a user name or password: remove the part before "@"; credentials never belong in a URL.`,
    ),
    rule(
      "wildcard",
      (value: string) => {
        const parsed = tryParseUrl(value);
        return parsed === undefined || !(parsed.hostname.includes("*") || parsed.pathname.includes("*"));
      },
      (value) =>
        `The ${label} ${quote(value)} has "*" in its host name or path: Cadasto matches it exactly, so list every ${label} in full instead of a pattern.`,
    ),
  );
}

/** One redirect URI: an absolute https URL (http on loopback), no fragment; kept as written. */
export const RedirectUriSchema: v.GenericSchema<string, string> = v.pipe(
  webUrl("redirect URI", "https://app.example.com/callback"),
  rule(
    "redirect_uri_fragment",
    (value: string) => !value.includes("#"),
    (value) => `The redirect URI ${quote(value)} has a fragment ("#…"), which RFC 6749 §3.1.2 forbids: remove everything from "#".`,
  ),
);

/** The redirect URIs, as a list or a space-separated string; duplicates removed. */
export const RedirectUrisSchema: v.GenericSchema<string | string[], string[]> = v.pipe(
  list("redirectUris", "https://app.example.com/callback", /\s+/, false),
  v.array(RedirectUriSchema),
  v.transform(unique),
);

/** One CORS origin: scheme, host and optional port, normalised (lower case, default port dropped). */
export const OriginSchema: v.GenericSchema<string, string> = v.pipe(
  webUrl("origin", "https://app.example.com"),
  rule(
    "origin_has_path",
    (value: string) => {
      const parsed = tryParseUrl(value);
      return parsed === undefined || parsed.pathname === "/";
    },
    (value) => `The origin ${quote(value)} has a path, but an origin is only scheme, host and port: use ${quote(url(value).origin)}.`,
  ),
  rule(
    "origin_has_query",
    (value: string) => !value.includes("?"),
    (value) => `The origin ${quote(value)} has a query ("?…"), but an origin is only scheme, host and port: remove everything from "?".`,
  ),
  rule(
    "origin_has_fragment",
    (value: string) => !value.includes("#"),
    (value) => `The origin ${quote(value)} has a fragment ("#…"), but an origin is only scheme, host and port: remove everything from "#".`,
  ),
  rule(
    "origin_trailing_slash",
    (value: string) => {
      const parsed = tryParseUrl(value);
      return parsed === undefined || parsed.pathname !== "/" || !/\/$/.test(value);
    },
    (value) => `The origin ${quote(value)} ends with "/", but browsers send origins without one: use ${quote(url(value).origin)}.`,
  ),
  v.transform((value: string) => url(value).origin),
);

/** The allowed origins, as a list or a space-separated string; normalised, duplicates removed. */
export const AllowedOriginsSchema: v.GenericSchema<string | string[], string[]> = v.pipe(
  list("allowedOrigins", "https://app.example.com", /\s+/, false),
  v.array(OriginSchema),
  v.transform(unique),
);

const ENVIRONMENT_ALIASES: Readonly<Record<string, Environment>> = {
  development: "development",
  acceptation: "acceptation",
  staging: "acceptation",
  production: "production",
};

/** The environments: names (case-insensitive) separated by commas or spaces, or a list; "staging" becomes "acceptation". */
export const EnvironmentsSchema: v.GenericSchema<string | string[], Environment[]> = v.pipe(
  list("environments", "development production", /[\s,]+/, true),
  v.array(
    v.pipe(
      v.string(),
      v.transform((value: string) => value.toLowerCase()),
      rule(
        "unknown_environment",
        (value: string) => Object.hasOwn(ENVIRONMENT_ALIASES, value),
        (value) => `${quote(value)} is not a Cadasto environment: use development, acceptation or production.`,
      ),
      v.transform((value: string) => ENVIRONMENT_ALIASES[value] as Environment),
    ),
  ),
  rule(
    "no_environment",
    (value: Environment[]) => value.length > 0,
    () => "No environment given: name at least one of development, acceptation, production.",
  ),
  v.transform((value: Environment[]) => ENVIRONMENT_NAMES.filter((name) => value.includes(name))),
);

/** The scopes: a space-separated string or a list; RFC 6749 scope tokens; duplicates removed. */
export const ScopesSchema: v.GenericSchema<string | string[], string[]> = v.pipe(
  list("scopes", "api.read api.write", /\s+/, true),
  v.array(
    v.pipe(
      v.string(),
      rule(
        "scopes_separated_by_commas",
        (value: string) => !value.includes(","),
        (value) => `The scope ${quote(value)} contains a comma: separate scopes with spaces, e.g. "api.read api.write".`,
      ),
      rule(
        "invalid_scope",
        (value: string) => value.includes(",") || isScopeToken(value),
        (value) =>
          `The scope ${quote(value)} contains characters a scope cannot hold (RFC 6749 §3.3 allows printable ASCII except space, " and \\): use a scope like "api.read".`,
      ),
    ),
  ),
  rule(
    "no_scope",
    (value: string[]) => value.length > 0,
    () => 'No scope given: request at least one, e.g. "api.read" (add "api.write" to upload templates).',
  ),
  v.transform(unique),
);

/** The flow, when stated. */
export const FlowSchema: v.GenericSchema<Flow, Flow> = v.picklist(
  FLOW_NAMES,
  'flow must be "client-credentials" (machine-to-machine) or "authorization-code-pkce" (users sign in).',
);

/** The application's name. */
export const ApplicationNameSchema: v.GenericSchema<string, string> = text("applicationName", "Acme Lab Sync", 100);

/** What the integration does and how it uses the API. */
export const DescriptionSchema: v.GenericSchema<string, string> = text("description", "Nightly upload of lab templates from CI", 2000, {
  multiline: true,
});

/** The technical owner's name. */
export const ContactNameSchema: v.GenericSchema<string, string> = text("contact.name", "Jane Doe", 200);

/** The technical owner's email address. */
export const ContactEmailSchema: v.GenericSchema<string, string> = v.pipe(
  v.string(typeMessage("contact.email", 'it, e.g. "jane.doe@example.com"', 'contact.email must be text, e.g. "jane.doe@example.com".')),
  v.transform((value: string) => value.trim()),
  rule("invalid_email", isEmailAddress, (value) => `${quote(value)} is not an email address: write it as name@example.com.`),
);

/** The team's alias (a chat channel or mailing list), optional: empty means none. */
export const ContactTeamSchema: v.GenericSchema<string, string> = text("contact.team", "#lab-integrations", 200, {
  optional: true,
});
