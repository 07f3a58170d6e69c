// Internal: when a token expires and when its renewal starts.

/** The default refresh margin: the larger of 60 s and 10% of the lifetime. */
export function defaultMargin(lifetimeMs: number): number {
  return Math.max(60_000, lifetimeMs / 10);
}

/**
 * Expiry and renewal instants of a token, counted from `sentAt` (when the
 * token request was sent, so time spent on the wire only makes us renew
 * earlier). The margin is clamped to half the lifetime so that a short-lived
 * token (shorter than two minutes) is still used for half its life instead
 * of being renewed on every call.
 */
export function tokenTimes(
  sentAt: number,
  expiresInSeconds: number,
  refreshMargin: number | undefined,
): { expiresAt: number; renewAt: number } {
  const lifetime = expiresInSeconds * 1000;
  const margin = Math.min(refreshMargin ?? defaultMargin(lifetime), lifetime / 2);
  return { expiresAt: sentAt + lifetime, renewAt: sentAt + lifetime - margin };
}
