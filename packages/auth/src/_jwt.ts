// Internal: the claims of a JWT access token, read without verifying it (the API
// verifies; we only want `iat` and `exp` for the clock and the lifetime policy).
import { base64Bytes } from "./_base64.ts";

/** `iat` and `exp` in seconds, when the token is a JWT that carries them as numbers. */
export interface JwtTimes {
  iat?: number | undefined;
  exp?: number | undefined;
}

/** The numeric `iat`/`exp` claims of a JWT, or `undefined` when `token` is not a JWT. */
export function jwtTimes(token: string): JwtTimes | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(base64Bytes(parts[1])));
  } catch {
    return undefined;
  }
  if (typeof claims !== "object" || claims === null) return undefined;
  const { iat, exp } = claims as Record<string, unknown>;
  const seconds = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
  return { iat: seconds(iat), exp: seconds(exp) };
}
