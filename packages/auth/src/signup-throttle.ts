// Sign-up throttling per client address (state in the attempt log, see attempt-log.ts): every
// admitted sign-up attempt, successful or not, is recorded under "signup:<address>" and never
// cleared; `maxAttempts` of them within an hour lock the address for an hour. A sign-up costs a
// password hash and a row; this bounds both per address, on every instance together.
import type { PrismaClient } from '@coach/db';
import { admitAttempt } from './attempt-log';
import { lockedUntil } from './throttle-rules';
import { ThrottledError } from './throttled-error';

const HOUR_MS = 60 * 60 * 1000;

export const SIGNUP_THROTTLE = {
  /** sign-up attempts from one address within the window that lock it */
  maxAttempts: 10,
  windowMs: HOUR_MS,
  lockoutMs: HOUR_MS,
} as const;

/** Attempts older than this cannot lock anything any more. */
export const SIGNUP_HORIZON_MS = SIGNUP_THROTTLE.windowMs + SIGNUP_THROTTLE.lockoutMs;

export class SignupThrottledError extends ThrottledError {
  constructor(retryAfterSeconds: number) {
    super('Too many sign-ups from this address', retryAfterSeconds);
  }
}

/** Admits and records one sign-up attempt from `ip`, or throws SignupThrottledError. */
export async function admitSignup(prisma: PrismaClient, ip: string, now: Date): Promise<void> {
  const key = `signup:${ip}`;
  const admission = await admitAttempt(prisma, {
    keys: [key],
    horizon: new Date(now.getTime() - SIGNUP_HORIZON_MS),
    now,
    blockedUntil: (history) => lockedUntil(history.get(key) ?? [], SIGNUP_THROTTLE, now),
  });
  if (!admission.admitted) throw new SignupThrottledError(admission.retryAfterSeconds);
}
