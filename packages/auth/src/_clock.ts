// Internal: the token server's clock as seen from this host. Token times kept in a
// store are in the server's clock, so hosts whose clocks disagree share them safely.

/**
 * Offsets smaller than this are ignored: `Date` and `iat` have one-second
 * resolution, so a smaller measured offset is noise, not skew.
 */
export const SKEW_TOLERANCE_MS = 2_000;

/** Server time minus local time, measured from token responses. */
export class ServerClock {
  /** Server minus local, ms; 0 until a skew beyond the tolerance is seen. */
  offset = 0;

  /**
   * Takes one measurement: the server's time (`Date` header, else the JWT's `iat`)
   * against the middle of the local send/receive interval. Prefers `Date`: a server
   * that hands out a cached token sends an old `iat`.
   *
   * @returns Whether the offset changed.
   */
  observe(sentAt: number, receivedAt: number, date: string | null, iat: number | undefined): boolean {
    const fromDate = Date.parse(date ?? "");
    // Neither (NaN): adopt() changes nothing.
    const server = Number.isFinite(fromDate) ? fromDate : (iat ?? Number.NaN) * 1000;
    // Both have second resolution: the true instant lies in [server, server + 1000).
    return this.adopt(server + 500 - (sentAt + receivedAt) / 2);
  }

  /**
   * Takes a measured offset (server minus local, ms), e.g. from a stored token's expiry
   * in the server's clock against the time the store says it has left.
   *
   * @returns Whether the offset changed.
   */
  adopt(measured: number): boolean {
    if (!Number.isFinite(measured)) return false;
    const next = Math.abs(measured) < SKEW_TOLERANCE_MS ? 0 : Math.round(measured);
    if (Math.abs(next - this.offset) < SKEW_TOLERANCE_MS && (next === 0) === (this.offset === 0)) return false;
    this.offset = next;
    return true;
  }

  /** A local instant in the server's clock. */
  toServer(local: number): number {
    return local + this.offset;
  }

  /** A server instant in the local clock. */
  toLocal(server: number): number {
    return server - this.offset;
  }
}
