// Internal: AQL endpoints (ad-hoc and stored queries).
import type { Route } from "./_clinical_routes.ts";

/** The query routes. */
export const QUERY_ROUTES: readonly Route[] = [];
