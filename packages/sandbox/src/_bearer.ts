import type { IncomingMessage } from "node:http";
import { importJWK, type JWK, jwtVerify } from "jose";
import { DPOP_ALGORITHMS, dpopChecker } from "./_dpop.ts";

/** The outcome of checking a request's bearer token. */
export type BearerResult =
  | { readonly ok: true; readonly scopes: ReadonlySet<string> }
  | { readonly ok: false; readonly status: 401 | 403; readonly challenge: string; readonly message: string };

const REALM = 'Bearer realm="cadasto-sandbox"';

/**
 * Builds a checker for `Authorization: Bearer <JWT>`: signature against the
 * provider's key, issuer, audience (the API base URL), expiry, and a scope.
 * A DPoP-bound token (`cnf.jkt`) must come as `Authorization: DPoP <JWT>` with
 * a valid `DPoP` proof (RFC 9449); a Bearer token must not come as DPoP.
 */
export async function bearerVerifier(
  publicJwk: JWK,
  issuer: string,
  audience: string,
): Promise<(req: IncomingMessage, scope: string) => Promise<BearerResult>> {
  const key = await importJWK(publicJwk, "ES256");
  const dpop = dpopChecker(issuer);
  return async (req, scope) => {
    const match = /^(Bearer|DPoP) +([A-Za-z0-9\-._~+/]+=*)$/i.exec(req.headers.authorization ?? "");
    if (match?.[2] === undefined) {
      return { ok: false, status: 401, challenge: REALM, message: "send an access token: Authorization: Bearer <token>" };
    }
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(match[2], key, { issuer, audience, typ: "at+jwt", algorithms: ["ES256"] }));
    } catch (error) {
      const reason =
        (error as { code?: string }).code === "ERR_JWT_EXPIRED"
          ? "the access token has expired"
          : "the access token is not valid for this API";
      return {
        ok: false,
        status: 401,
        challenge: `${REALM}, error="invalid_token", error_description="${reason}"`,
        message: `${reason}: request a new one`,
      };
    }
    const jkt = (claims.cnf as { jkt?: unknown } | undefined)?.jkt;
    const scheme = match[1]?.toLowerCase() === "dpop" ? "DPoP" : "Bearer";
    const problem =
      typeof jkt === "string"
        ? scheme === "DPoP"
          ? await dpop(req, match[2], jkt)
          : "the access token is DPoP-bound: send it as Authorization: DPoP <token> with a DPoP proof"
        : scheme === "DPoP"
          ? "the access token is not DPoP-bound: send it as Authorization: Bearer <token>"
          : undefined;
    if (problem !== undefined) {
      const error = typeof jkt === "string" && scheme === "DPoP" ? "invalid_dpop_proof" : "invalid_token";
      return {
        ok: false,
        status: 401,
        challenge: `DPoP realm="cadasto-sandbox", algs="${DPOP_ALGORITHMS.join(" ")}", error="${error}", error_description="${problem}"`,
        message: problem,
      };
    }
    const scopes = new Set(typeof claims.scope === "string" ? claims.scope.split(" ") : []);
    if (!scopes.has(scope)) {
      return {
        ok: false,
        status: 403,
        challenge: `${REALM}, error="insufficient_scope", scope="${scope}"`,
        message: `the access token lacks the scope ${scope}: request it in the token's scope`,
      };
    }
    return { ok: true, scopes };
  };
}
