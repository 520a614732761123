// Login throttling, with all of its state in PostgreSQL so that every server instance sees it.
//
// Table login_failures: one row per attempt that has not succeeded, for each of its keys
// ("email:<address>", "ip:<address>"). A key is locked when it has `maxFailures` rows within a
// window of 15 minutes; the lock lasts 15 minutes from the failure that completed the count, and
// attempts refused meanwhile are not recorded, so once the lock ends the key starts afresh.
//
// An attempt is admitted and written in one short transaction under a per-key advisory lock,
// *before* the password is checked: parallel attempts on several instances are counted one by
// one and cannot all slip in under the limit. A successful sign-in removes the email's rows (and
// only its own row of the IP's), so a failed attempt is simply one that is never cleared — which
// is also what happens to an attempt whose server died while checking the password.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@coach/db';

const MINUTE_MS = 60 * 1000;

export const LOGIN_THROTTLE = {
  /** failed attempts for one email address within the window that lock it */
  maxFailuresPerEmail: 5,
  /** failed attempts from one IP address within the window that lock it */
  maxFailuresPerIp: 20,
  windowMs: 15 * MINUTE_MS,
  lockoutMs: 15 * MINUTE_MS,
} as const;

export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts; try again in ${retryAfterSeconds} s.`);
    this.name = 'LoginThrottledError';
  }
}

/** An admitted attempt: the rows written for it, to be removed if it succeeds. */
export interface LoginAttempt {
  emailKey: string;
  /** the attempt's own rows (one per key) */
  rowIds: bigint[];
}

interface ThrottleKey {
  key: string;
  maxFailures: number;
  /** the advisory lock's second int4 (the first is LOCK_CLASS) */
  lockId: number;
}

/** Namespaces this module's advisory locks (two-int form, apart from the migrator's bigint). */
const LOCK_CLASS = 0x4c4f47; // "LOG"

const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

export function emailThrottleKey(email: string): string {
  return `email:${email}`;
}

function throttleKeys(email: string, ip: string | null | undefined): ThrottleKey[] {
  const keys: Omit<ThrottleKey, 'lockId'>[] = [
    { key: emailThrottleKey(email), maxFailures: LOGIN_THROTTLE.maxFailuresPerEmail },
  ];
  if (ip) keys.push({ key: `ip:${ip}`, maxFailures: LOGIN_THROTTLE.maxFailuresPerIp });
  return keys
    .map((k) => ({ ...k, lockId: createHash('sha256').update(k.key).digest().readInt32BE(0) }))
    .sort((a, b) => a.lockId - b.lockId); // one order everywhere: no deadlock between two keys
}

/**
 * When the key is locked, the end of the lock: `failures` are its failure times, ascending, of
 * the last windowMs + lockoutMs (older ones cannot matter).
 */
export function lockedUntil(
  failures: readonly Date[],
  maxFailures: number,
  now: Date,
): Date | null {
  const { windowMs, lockoutMs } = LOGIN_THROTTLE;
  const times = failures.map((f) => f.getTime()).filter((t) => t <= now.getTime());
  for (let last = times.length - 1; last >= 0; last -= 1) {
    const at = times[last] as number;
    const until = at + lockoutMs;
    if (until <= now.getTime()) break;
    const inWindow = times.slice(0, last + 1).filter((t) => t > at - windowMs).length;
    if (inWindow >= maxFailures) return new Date(until);
  }
  return null;
}

/**
 * Admits one sign-in attempt and records it as failed until `loginSucceeded` says otherwise, or
 * throws LoginThrottledError (recording nothing) when the email or the IP is locked.
 */
export async function admitLoginAttempt(
  prisma: PrismaClient,
  { email, ip }: { email: string; ip?: string | null },
  now: Date,
): Promise<LoginAttempt> {
  const keys = throttleKeys(email, ip);
  const horizon = new Date(now.getTime() - LOGIN_THROTTLE.windowMs - LOGIN_THROTTLE.lockoutMs);
  return prisma.$transaction(async (tx) => {
    let until = 0;
    for (const { key, maxFailures, lockId } of keys) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${lockId}::int)`;
      await tx.loginFailure.deleteMany({ where: { key, failedAt: { lte: horizon } } });
      const failures = await tx.loginFailure.findMany({
        where: { key, failedAt: { gt: horizon } },
        select: { failedAt: true },
        orderBy: { failedAt: 'asc' },
      });
      const locked = lockedUntil(
        failures.map((f) => f.failedAt),
        maxFailures,
        now,
      );
      if (locked) until = Math.max(until, locked.getTime());
    }
    if (until > 0) {
      // Throwing rolls back the clean-up too; harmless, the next attempt repeats it.
      throw new LoginThrottledError(Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
    }
    const rows = await tx.loginFailure.createManyAndReturn({
      data: keys.map(({ key }) => ({ key, failedAt: now })),
      select: { id: true },
    });
    return { emailKey: emailThrottleKey(email), rowIds: rows.map((r) => r.id) };
  }, TRANSACTION_OPTIONS);
}

/** A successful sign-in: clears the email's failures and drops this attempt's IP row. */
export async function loginSucceeded(prisma: PrismaClient, attempt: LoginAttempt): Promise<void> {
  await prisma.loginFailure.deleteMany({
    where: { OR: [{ key: attempt.emailKey }, { id: { in: attempt.rowIds } }] },
  });
}

/** Deletes failures too old to matter any more (for a periodic clean-up). */
export async function pruneLoginFailures(
  prisma: PrismaClient,
  now: Date = new Date(),
): Promise<number> {
  const horizon = new Date(now.getTime() - LOGIN_THROTTLE.windowMs - LOGIN_THROTTLE.lockoutMs);
  const { count } = await prisma.loginFailure.deleteMany({ where: { failedAt: { lte: horizon } } });
  return count;
}
