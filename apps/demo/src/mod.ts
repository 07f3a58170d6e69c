/**
 * The quick start, end to end, as a program: discover → client credentials
 * token → upload two template versions → list them → fetch one, against the
 * local sandbox or a Cadasto tenant named by `CADASTO_*` environment
 * variables; and a static server for the built docs site. `pnpm start` runs both.
 *
 * @module
 */

export { DemoError, type DemoErrorCode, isDemoError } from "./errors.ts";
export { DEFAULT_OPTS, type QuickStartOptions, type QuickStartResult, runQuickStart } from "./quick_start.ts";
export { type SiteServer, serveSite } from "./serve_site.ts";
export { type StartedTarget, startTarget } from "./start_target.ts";
export { type Target, targetFromEnv } from "./target.ts";
