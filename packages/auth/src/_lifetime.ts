// Internal: the lifetime policy. How long a token lives, from the token response:
// `expires_in` when present (parsed strictly), else the JWT's `exp`, else a default.
import type { TokenEndpointError } from "./errors.ts";
import { badAnswer } from "./_token_request.ts";
import type { JwtTimes } from "./_jwt.ts";

/** The longest lifetime believed: a year. Longer is a broken server, not a token. */
export const MAX_LIFETIME_MS: number = 365 * 24 * 3600 * 1000;
/** The default lifetime assumed for a token that says nothing about its expiry. */
export const DEFAULT_LIFETIME_MS: number = 5 * 60 * 1000;

/** How a lifetime was decided. */
export type LifetimeSource = "expires_in" | "jwt_exp" | "default";

/** The lifetime and where it came from. */
export interface Lifetime {
  ms: number;
  source: LifetimeSource;
}

const NUMERIC = /^\s*\d+(\.\d+)?\s*$/;

function refuse(url: string, status: number, why: string): TokenEndpointError {
  return badAnswer("invalid_response", url, status, `with ${why}: want a lifetime above 0 and at most a year; check tokenEndpoint.`);
}

/**
 * Decides the lifetime of a token.
 *
 * @param expiresIn The raw `expires_in` of the response (before any parsing).
 * @param jwt The token's `iat`/`exp`, when it is a JWT.
 * @param serverSentAt When the request was sent, in the server's clock (ms).
 * @param defaultMs The lifetime to assume when nothing says.
 * @throws {TokenEndpointError} `invalid_response` for an `expires_in` that is not a finite,
 *   non-negative number or numeric string, or a lifetime ≤ 0 or above a year.
 */
export function lifetimeOf(
  expiresIn: unknown,
  jwt: JwtTimes | undefined,
  serverSentAt: number,
  defaultMs: number,
  where: { url: string; status: number },
): Lifetime {
  const { url, status } = where;
  if (expiresIn !== undefined && expiresIn !== null) {
    const seconds =
      typeof expiresIn === "number" ? expiresIn : typeof expiresIn === "string" && NUMERIC.test(expiresIn) ? Number(expiresIn) : Number.NaN;
    // Only a number is shown: a string could be anything a server echoes, the secret included.
    const shown = typeof expiresIn === "number" ? String(expiresIn) : `(a ${typeof expiresIn} of ${String(expiresIn).length} characters)`;
    if (!Number.isFinite(seconds)) throw refuse(url, status, `expires_in ${shown} (not a number of seconds)`);
    const ms = seconds * 1000;
    if (!(ms > 0) || ms > MAX_LIFETIME_MS) throw refuse(url, status, `expires_in ${shown}`);
    return { ms, source: "expires_in" };
  }
  if (jwt?.exp !== undefined) {
    const ms = jwt.iat !== undefined ? (jwt.exp - jwt.iat) * 1000 : jwt.exp * 1000 - serverSentAt;
    if (!(ms > 0) || ms > MAX_LIFETIME_MS) throw refuse(url, status, `no expires_in and a JWT exp ${Math.round(ms / 1000)} s away`);
    return { ms, source: "jwt_exp" };
  }
  return { ms: defaultMs, source: "default" };
}
