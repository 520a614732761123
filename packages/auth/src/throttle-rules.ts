// When a throttle key is blocked, from its attempt times (ascending): pure functions, no I/O.

export interface LockRule {
  /** attempts within `windowMs` that lock the key */
  maxAttempts: number;
  windowMs: number;
  /** how long the lock lasts, from the attempt that completed the count */
  lockoutMs: number;
}

/** The end of the key's lock, or null when it is not locked at `now`. */
export function lockedUntil(
  attempts: readonly Date[],
  { maxAttempts, windowMs, lockoutMs }: LockRule,
  now: Date,
): Date | null {
  const times = attempts.map((a) => a.getTime()).filter((t) => t <= now.getTime());
  for (let last = times.length - 1; last >= 0; last -= 1) {
    const at = times[last] as number;
    const until = at + lockoutMs;
    if (until <= now.getTime()) break;
    // The window is open at its start: attempts exactly windowMs apart are not in one window.
    const inWindow = times.slice(0, last + 1).filter((t) => t > at - windowMs).length;
    if (inWindow >= maxAttempts) return new Date(until);
  }
  return null;
}
