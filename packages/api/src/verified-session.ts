/**
 * What a WebSocket knows of its session between operations: until when the database last said it
 * stands. A sign-out reaches the socket itself (closed on every instance, see `SessionConnections`),
 * so an operation need not ask the database again before that time; it asks once the session's
 * expiry comes, or `recheckMs` after the last answer, whichever is first, which bounds how long a
 * sign-out that never arrived (a lost message between instances) goes unnoticed.
 */
export class VerifiedSession {
  private standsUntil: number;

  /** `expiresAt`: the session's expiry as the database gave it at `now` */
  constructor(
    private readonly recheckMs: number,
    now: number,
    expiresAt: number,
  ) {
    this.standsUntil = this.until(now, expiresAt);
  }

  /** Whether the last answer still holds at `now`, so the database need not be asked. */
  holds(now: number): boolean {
    return now < this.standsUntil;
  }

  /** The database said again, at `now`, that the session stands until `expiresAt`. */
  confirmed(now: number, expiresAt: number): void {
    this.standsUntil = this.until(now, expiresAt);
  }

  private until(now: number, expiresAt: number): number {
    return Math.min(expiresAt, now + this.recheckMs);
  }
}
