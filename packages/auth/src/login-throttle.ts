// Login throttling (state in the attempt log, see attempt-log.ts). Nobody can lock an athlete out
// from elsewhere: the hard locks are per client address, and across addresses there is only a
// short, capped delay that the athlete's own address does not wait for.
//
// Each sign-in attempt is recorded, before the password is checked, under three keys:
// - "ip:<address>": 20 failures within 15 minutes lock the address for 15 minutes, whatever the
//   email (one address trying many accounts).
// - "email+ip:<email>|<address>": 5 failures within 15 minutes lock this email from this address
//   for 15 minutes (guessing one account's password from one address).
// - "email:<email>": failures from every address. Past 10 within 15 minutes, an address that has
//   itself failed for this email in the window must wait after the latest failure: 1 s, doubling
//   with each further failure, at most 30 s (one account guessed from many addresses). An address
//   without failures for the email — the athlete's own, usually — is not held back.
// A lock ends 15 minutes after the failure that completed its count; attempts refused meanwhile
// are not recorded, so the key then starts afresh. A successful sign-in removes its own rows and
// the failures of its email from its address (the athlete's typos), not those from other
// addresses: signing in does not reset an attacker's delay. A failed attempt is simply one that
// is never cleared — which is also what happens to an attempt whose server died while checking.
import type { PrismaClient } from '@coach/db';
import { admitAttempt, forgetAttempts } from './attempt-log';
import { backoffUntil, lockedUntil } from './throttle-rules';
import { ThrottledError } from './throttled-error';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

const LOGIN_THROTTLE = {
  /** "ip:<address>": failures from one address, whatever the email */
  perIp: { maxAttempts: 20, windowMs: 15 * MINUTE_MS, lockoutMs: 15 * MINUTE_MS },
  /** "email+ip:<email>|<address>": failures for one email from one address */
  perEmailAndIp: { maxAttempts: 5, windowMs: 15 * MINUTE_MS, lockoutMs: 15 * MINUTE_MS },
  /** "email:<email>": failures for one email from every address; delays, never locks */
  perEmail: {
    freeAttempts: 10,
    windowMs: 15 * MINUTE_MS,
    baseDelayMs: SECOND_MS,
    maxDelayMs: 30 * SECOND_MS,
  },
} as const;

/** Attempts older than this cannot hold anything back any more. */
export const LOGIN_HORIZON_MS = Math.max(
  LOGIN_THROTTLE.perIp.windowMs + LOGIN_THROTTLE.perIp.lockoutMs,
  LOGIN_THROTTLE.perEmailAndIp.windowMs + LOGIN_THROTTLE.perEmailAndIp.lockoutMs,
  LOGIN_THROTTLE.perEmail.windowMs,
);

export class LoginThrottledError extends ThrottledError {
  constructor(retryAfterSeconds: number) {
    super('Too many failed sign-in attempts', retryAfterSeconds);
  }
}

/** An admitted attempt: what to remove if it succeeds. */
export interface LoginAttempt {
  /** this email's failures from this address */
  pairKey: string;
  /** the rows written for this attempt */
  rowIds: bigint[];
}

function loginThrottleKeys(email: string, ip: string) {
  return { ip: `ip:${ip}`, pair: `email+ip:${email}|${ip}`, email: `email:${email}` };
}

/**
 * Admits one sign-in attempt and records it as failed until `loginSucceeded` says otherwise, or
 * throws LoginThrottledError (recording nothing) while the rules above hold it back.
 */
export async function admitLoginAttempt(
  prisma: PrismaClient,
  { email, ip }: { email: string; ip: string },
  now: Date,
): Promise<LoginAttempt> {
  const keys = loginThrottleKeys(email, ip);
  const admission = await admitAttempt(prisma, {
    keys: Object.values(keys),
    horizon: new Date(now.getTime() - LOGIN_HORIZON_MS),
    now,
    blockedUntil: (history) => {
      const pairFailures = history.get(keys.pair) ?? [];
      return latest([
        lockedUntil(history.get(keys.ip) ?? [], LOGIN_THROTTLE.perIp, now),
        lockedUntil(pairFailures, LOGIN_THROTTLE.perEmailAndIp, now),
        hasFailedRecently(pairFailures, now)
          ? backoffUntil(history.get(keys.email) ?? [], LOGIN_THROTTLE.perEmail, now)
          : null,
      ]);
    },
  });
  if (!admission.admitted) throw new LoginThrottledError(admission.retryAfterSeconds);
  return { pairKey: keys.pair, rowIds: admission.rowIds };
}

function hasFailedRecently(failures: readonly Date[], now: Date): boolean {
  const since = now.getTime() - LOGIN_THROTTLE.perEmail.windowMs;
  return failures.some((f) => f.getTime() > since && f.getTime() <= now.getTime());
}

function latest(dates: readonly (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
}

/** A successful sign-in: drops this attempt's rows and its email's failures from its address. */
export async function loginSucceeded(prisma: PrismaClient, attempt: LoginAttempt): Promise<void> {
  await forgetAttempts(prisma, { keys: [attempt.pairKey], rowIds: attempt.rowIds });
}
