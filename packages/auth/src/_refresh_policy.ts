// Internal: when this source starts renewing a token. Each source picks its own
// point at random in the first half of the refresh window, so replicas that do not
// share a store do not all renew in the same second, and at least half the margin
// is left for the request and its retries.

/**
 * A renewal instant between the start of the refresh window (`renewAt`) and
 * its middle.
 *
 * @param renewAt Start of the refresh window.
 * @param expiresAt Expiry.
 * @param random A number in [0, 1).
 */
export function jitteredRenewAt(renewAt: number, expiresAt: number, random: number = Math.random()): number {
  return renewAt + (random * Math.max(0, expiresAt - renewAt)) / 2;
}
