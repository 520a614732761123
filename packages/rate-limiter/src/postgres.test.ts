// Two server instances on one PostgreSQL: two `openDatabase` pools share an athlete's limit.
import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '@coach/db';
import { createPostgresDatabase, createTestAthlete, TEST_POSTGRES_URL } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter';
import { usageRows } from './test-helpers';
import type { RateLimiter } from './types';

const postgres = await createPostgresDatabase();
if (!postgres) {
  console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping its tests.`);
}

// 12:00 in Denver (MDT, UTC−6) on 2026-03-31.
const NOON = new Date('2026-03-31T18:00:00.000Z');

describe.skipIf(!postgres)('rate limiter on a PostgreSQL server, two instances', () => {
  let a: Database;
  let b: Database;
  let limiterA: RateLimiter;
  let limiterB: RateLimiter;

  beforeAll(async () => {
    const url = postgres?.url ?? '';
    a = await openDatabase({ databaseUrl: url });
    b = await openDatabase({ databaseUrl: url });
    await a.migrate();
    limiterA = createRateLimiter({ prisma: a.prisma, now: () => NOON });
    limiterB = createRateLimiter({ prisma: b.prisma, now: () => NOON });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await postgres?.drop();
  });

  it('admits exactly the 5 of 20 parallel requests (10 per instance) that fit', async () => {
    const athlete = await createTestAthlete(a.prisma, { timezone: 'America/Denver' });
    await a.prisma.chatUsage.create({
      data: { userId: athlete.id, date: '2026-03-31', messageCount: 95 },
    });
    const burst = (limiter: RateLimiter) =>
      Array.from({ length: 10 }, () =>
        limiter.reserve({
          userId: athlete.id,
          requestId: randomUUID(),
          inputTokens: 1_000,
          outputTokens: 200,
        }),
      );
    const results = await Promise.all([...burst(limiterA), ...burst(limiterB)]);
    expect(results.filter((r) => r.status === 'reserved')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'limited')).toHaveLength(15);
    expect(await usageRows(b.prisma, athlete.id)).toEqual([
      {
        date: '2026-03-31',
        messageCount: 100,
        inputTokens: 0,
        outputTokens: 0,
        reservedInputTokens: 5_000,
        reservedOutputTokens: 1_000,
      },
    ]);
    expect(await b.prisma.chatReservation.count({ where: { userId: athlete.id } })).toBe(5);
  });

  it('admits exactly what fits the tokens left when both instances start a new day at once', async () => {
    const athlete = await createTestAthlete(a.prisma, { timezone: 'America/Denver' });
    const limits = { dailyInputTokens: 7_500 };
    const first = createRateLimiter({ prisma: a.prisma, limits, now: () => NOON });
    const second = createRateLimiter({ prisma: b.prisma, limits, now: () => NOON });
    const burst = (limiter: RateLimiter) =>
      Array.from({ length: 10 }, () =>
        limiter.reserve({
          userId: athlete.id,
          requestId: randomUUID(),
          inputTokens: 1_000,
          outputTokens: 10,
        }),
      );
    const results = await Promise.all([...burst(first), ...burst(second)]);
    expect(results.filter((r) => r.status === 'reserved')).toHaveLength(7);
    expect(await limiterB.checkUsage(athlete.id)).toMatchObject({
      inputTokensUsed: 7_000,
      messageCount: 7,
    });
  });

  it('charges a requestId raced on both instances once, and settles it from either', async () => {
    const athlete = await createTestAthlete(a.prisma, { timezone: 'America/Denver' });
    const request = {
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 3_000,
      outputTokens: 500,
    };
    const results = await Promise.all([
      limiterA.reserve(request),
      limiterB.reserve(request),
      limiterA.reserve(request),
      limiterB.reserve(request),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'reserved',
    ]);
    const reservation = { userId: athlete.id, requestId: request.requestId, date: '2026-03-31' };
    const billed = { inputTokens: 2_500, outputTokens: 420 };
    const settled = await Promise.all([
      limiterA.settle(reservation, billed),
      limiterB.settle(reservation, billed),
    ]);
    expect(settled.filter((s) => s.settled)).toHaveLength(1);
    expect(await usageRows(a.prisma, athlete.id)).toEqual([
      {
        date: '2026-03-31',
        messageCount: 1,
        inputTokens: 2_500,
        outputTokens: 420,
        reservedInputTokens: 0,
        reservedOutputTokens: 0,
      },
    ]);
  });

  it('settles overlapping batches from both instances in opposite orders, each once', async () => {
    const athletes = await Promise.all(
      [0, 1, 2].map(() => createTestAthlete(a.prisma, { timezone: 'America/Denver' })),
    );
    const reservations = [];
    for (const athlete of [...athletes, ...athletes]) {
      const requestId = randomUUID();
      const request = { userId: athlete.id, requestId, inputTokens: 1_000, outputTokens: 200 };
      expect((await limiterA.reserve(request)).status).toBe('reserved');
      reservations.push({ userId: athlete.id, requestId, date: '2026-03-31' });
    }
    const billed = { inputTokens: 700, outputTokens: 100 };
    // Each instance's settles of one turn are one statement; the two lock the same rows.
    const settled = await Promise.all([
      ...reservations.map((reservation) => limiterA.settle(reservation, billed)),
      ...reservations.toReversed().map((reservation) => limiterB.settle(reservation, billed)),
    ]);
    expect(settled.filter((s) => s.settled)).toHaveLength(reservations.length);
    for (const athlete of athletes) {
      expect(await usageRows(a.prisma, athlete.id)).toEqual([
        {
          date: '2026-03-31',
          messageCount: 2,
          inputTokens: 1_400,
          outputTokens: 200,
          reservedInputTokens: 0,
          reservedOutputTokens: 0,
        },
      ]);
    }
  });

  it('releases the message of a free answer once when both instances settle it', async () => {
    const athlete = await createTestAthlete(a.prisma, { timezone: 'America/Denver' });
    const request = {
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 3_000,
      outputTokens: 500,
    };
    expect((await limiterA.reserve(request)).status).toBe('reserved');
    const reservation = { userId: athlete.id, requestId: request.requestId, date: '2026-03-31' };
    const free = { inputTokens: 0, outputTokens: 0 };
    const settled = await Promise.all([
      limiterA.settle(reservation, free, { releaseMessage: true }),
      limiterB.settle(reservation, free, { releaseMessage: true }),
    ]);
    expect(settled.filter((s) => s.settled)).toHaveLength(1);
    expect(await usageRows(a.prisma, athlete.id)).toEqual([
      {
        date: '2026-03-31',
        messageCount: 0,
        inputTokens: 0,
        outputTokens: 0,
        reservedInputTokens: 0,
        reservedOutputTokens: 0,
      },
    ]);
  });
});
