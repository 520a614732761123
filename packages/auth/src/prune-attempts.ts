import type { PrismaClient } from '@coach/db';
import { pruneAttempts } from './attempt-log';
import { LOGIN_HORIZON_MS } from './login-throttle';
import { SIGNUP_HORIZON_MS } from './signup-throttle';

/** Deletes throttle attempts too old to matter to any throttle (a periodic clean-up). */
export function pruneThrottleAttempts(prisma: PrismaClient, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() - Math.max(LOGIN_HORIZON_MS, SIGNUP_HORIZON_MS));
  return pruneAttempts(prisma, horizon);
}
