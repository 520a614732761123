import { randomUUID } from 'node:crypto';
import { createSession } from '@coach/auth';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { createRateLimiter } from '@coach/rate-limiter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { sweepOnce } from './sweeps';

const DAY_MS = 24 * 60 * 60 * 1000;
let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('the sweep', () => {
  it('settles abandoned reservations and deletes expired sessions and stale throttle attempts', async () => {
    const { prisma } = database;
    const athlete = await createTestAthlete(prisma);
    const longAgo = new Date(Date.now() - 40 * DAY_MS);
    const expired = await createSession(prisma, athlete.id, longAgo);
    const current = await createSession(prisma, athlete.id);
    const oldKey = `ip:${randomUUID()}`;
    const recentKey = `ip:${randomUUID()}`;
    await prisma.loginFailure.createMany({
      data: [
        { key: oldKey, failedAt: new Date(Date.now() - 2 * DAY_MS) },
        { key: recentKey, failedAt: new Date() },
      ],
    });
    const limits = { dailyInputTokens: 10_000, dailyOutputTokens: 10_000, dailyMessages: 10 };
    const abandoned = await createRateLimiter({
      prisma,
      limits,
      now: () => new Date(Date.now() - 60 * 60 * 1000),
    }).reserve({ userId: athlete.id, requestId: randomUUID(), inputTokens: 100, outputTokens: 50 });
    if (abandoned.status !== 'reserved') throw new Error('the reservation was not made');

    await sweepOnce({
      prisma,
      limiter: createRateLimiter({ prisma, limits }),
      logger: createLogger('silent'),
    });

    const sessions = await prisma.session.findMany({ where: { userId: athlete.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions.map((s) => s.expiresAt)).toEqual([current.expiresAt]);
    expect(expired.expiresAt.getTime()).toBeLessThan(Date.now());
    const keys = await prisma.loginFailure.findMany({
      where: { key: { in: [oldKey, recentKey] } },
    });
    expect(keys.map((k) => k.key)).toEqual([recentKey]);
    const reservation = await prisma.chatReservation.findFirstOrThrow({
      where: { requestId: abandoned.reservation.requestId },
    });
    expect(reservation.status).toBe('settled');
  });
});
