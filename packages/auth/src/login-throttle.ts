// Login throttling (state in the attempt log, see attempt-log.ts).
//
// Each sign-in attempt is recorded under "email:<address>" and "ip:<address>" before the password
// is checked. A key is locked when it has `maxFailures` attempts within a window of 15 minutes;
// the lock lasts 15 minutes from the failure that completed the count, and attempts refused
// meanwhile are not recorded, so once the lock ends the key starts afresh. A successful sign-in
// removes the email's rows (and only its own row of the IP's), so a failed attempt is simply one
// that is never cleared — which is also what happens to an attempt whose server died while
// checking the password.
import type { PrismaClient } from '@coach/db';
import { admitAttempt, forgetAttempts } from './attempt-log';
import { lockedUntil } from './throttle-rules';
import { ThrottledError } from './throttled-error';

const MINUTE_MS = 60 * 1000;

export const LOGIN_THROTTLE = {
  /** failed attempts for one email address within the window that lock it */
  maxFailuresPerEmail: 5,
  /** failed attempts from one IP address within the window that lock it */
  maxFailuresPerIp: 20,
  windowMs: 15 * MINUTE_MS,
  lockoutMs: 15 * MINUTE_MS,
} as const;

/** Attempts older than this cannot lock anything any more. */
export const LOGIN_HORIZON_MS = LOGIN_THROTTLE.windowMs + LOGIN_THROTTLE.lockoutMs;

export class LoginThrottledError extends ThrottledError {
  constructor(retryAfterSeconds: number) {
    super('Too many failed sign-in attempts', retryAfterSeconds);
  }
}

/** An admitted attempt: the rows written for it, to be removed if it succeeds. */
export interface LoginAttempt {
  emailKey: string;
  rowIds: bigint[];
}

export function emailThrottleKey(email: string): string {
  return `email:${email}`;
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
  const { windowMs, lockoutMs } = LOGIN_THROTTLE;
  const limits = new Map<string, number>([
    [emailThrottleKey(email), LOGIN_THROTTLE.maxFailuresPerEmail],
  ]);
  if (ip) limits.set(`ip:${ip}`, LOGIN_THROTTLE.maxFailuresPerIp);
  const admission = await admitAttempt(prisma, {
    keys: [...limits.keys()],
    horizon: new Date(now.getTime() - LOGIN_HORIZON_MS),
    now,
    blockedUntil: (history) =>
      latest(
        [...limits].map(([key, maxAttempts]) =>
          lockedUntil(history.get(key) ?? [], { maxAttempts, windowMs, lockoutMs }, now),
        ),
      ),
  });
  if (!admission.admitted) throw new LoginThrottledError(admission.retryAfterSeconds);
  return { emailKey: emailThrottleKey(email), rowIds: admission.rowIds };
}

function latest(dates: readonly (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
}

/** A successful sign-in: clears the email's failures and drops this attempt's IP row. */
export async function loginSucceeded(prisma: PrismaClient, attempt: LoginAttempt): Promise<void> {
  await forgetAttempts(prisma, { keys: [attempt.emailKey], rowIds: attempt.rowIds });
}
