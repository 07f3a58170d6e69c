// Types of chromium.mjs, for the packages' browser tests.
/** Flags for headless Chromium in CI. */
export const CHROMIUM_ARGS: readonly string[];
/** The Chromium executable; throws saying what to install when there is none. */
export function chromiumPath(): string;
