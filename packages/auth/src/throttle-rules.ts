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

export interface BackoffRule {
  /** attempts within `windowMs` that cost no wait */
  freeAttempts: number;
  windowMs: number;
  /** the wait after the first attempt past the free ones; it doubles with each further one */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * When the key's next attempt may come, or null when it may come at `now`: once the key has
 * `freeAttempts` within the window, each attempt must wait after the latest one, twice as long
 * for each attempt more, up to the cap.
 */
export function backoffUntil(
  attempts: readonly Date[],
  { freeAttempts, windowMs, baseDelayMs, maxDelayMs }: BackoffRule,
  now: Date,
): Date | null {
  const times = attempts
    .map((a) => a.getTime())
    .filter((t) => t <= now.getTime() && t > now.getTime() - windowMs);
  const latest = times.at(-1);
  if (latest === undefined || times.length < freeAttempts) return null;
  const delay = Math.min(baseDelayMs * 2 ** (times.length - freeAttempts), maxDelayMs);
  return latest + delay > now.getTime() ? new Date(latest + delay) : null;
}
