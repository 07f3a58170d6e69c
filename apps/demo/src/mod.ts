/**
 * The quick start, end to end, as a program: discover → client credentials
 * token → upload two template versions → list them → fetch one → an EHR with
 * compositions pinned to two template versions, read back with AQL, against the
 * local sandbox or a Cadasto tenant named by `CADASTO_*` environment
 * variables; and a static server for the built docs site. `pnpm start` runs both.
 *
 * @module
 */

export { DemoError, type DemoErrorCode, isDemoError } from "./errors.ts";
export {
  type ClinicalDataOptions,
  type ClinicalDataResult,
  type CommittedComposition,
  DEFAULT_CLINICAL,
  runClinicalData,
} from "./clinical_data.ts";
export { DEFAULT_OPTS, type QuickStartOptions, type QuickStartResult, runQuickStart } from "./quick_start.ts";
export { type SiteServer, serveSite } from "./serve_site.ts";
export { type StartedTarget, startTarget } from "./start_target.ts";
export { type Target, targetFromEnv } from "./target.ts";
