import { randomUUID } from 'node:crypto';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownAthleteError } from './errors';
import { createRateLimiter } from './rate-limiter';
import { testClock, usageRows } from './test-helpers';
import type { RateLimiterOptions, ReserveResult } from './types';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

// 12:00 in Denver (MDT, UTC−6) on 2026-03-31.
const NOON = '2026-03-31T18:00:00.000Z';

function limiter(options: Partial<RateLimiterOptions> = {}) {
  return createRateLimiter({ prisma: database.prisma, now: () => new Date(NOON), ...options });
}

function reserveOf(result: ReserveResult) {
  if (result.status !== 'reserved') throw new Error(`expected a reservation, got ${result.status}`);
  return result.reservation;
}

const EMPTY = { inputTokens: 0, outputTokens: 0, reservedInputTokens: 0, reservedOutputTokens: 0 };

describe('checkUsage (plan: check_usage returns correct values)', () => {
  it('gives a full budget when today has no row', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    expect(await limiter().checkUsage(athlete.id)).toEqual({
      allowed: true,
      remainingMessages: 100,
      inputTokensUsed: 0,
      outputTokensUsed: 0,
      messageCount: 0,
      limit: 100,
    });
  });

  it('counts recorded and in-flight usage of today against the limits', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter();
    await rl.recordUsage(athlete.id, 12_000, 800);
    await rl.reserve({
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 3_000,
      outputTokens: 1_024,
    });
    expect(await rl.checkUsage(athlete.id)).toEqual({
      allowed: true,
      remainingMessages: 98,
      inputTokensUsed: 15_000,
      outputTokensUsed: 1_824,
      messageCount: 2,
      limit: 100,
    });
  });

  it('is not allowed once any limit is reached', async () => {
    const small = { dailyInputTokens: 5_000, dailyOutputTokens: 1_000, dailyMessages: 3 };
    const [byMessages, byInput, byOutput] = await Promise.all([
      createTestAthlete(database.prisma, { timezone: 'America/Denver' }),
      createTestAthlete(database.prisma, { timezone: 'America/Denver' }),
      createTestAthlete(database.prisma, { timezone: 'America/Denver' }),
    ]);
    const rl = limiter({ limits: small });
    for (let i = 0; i < 3; i++) await rl.recordUsage(byMessages.id, 10, 10);
    await rl.recordUsage(byInput.id, 5_000, 10);
    await rl.recordUsage(byOutput.id, 10, 1_000);
    expect(await rl.checkUsage(byMessages.id)).toMatchObject({
      allowed: false,
      remainingMessages: 0,
    });
    expect(await rl.checkUsage(byInput.id)).toMatchObject({ allowed: false, remainingMessages: 2 });
    expect(await rl.checkUsage(byOutput.id)).toMatchObject({
      allowed: false,
      remainingMessages: 2,
    });
  });

  it('refuses an unknown athlete', async () => {
    await expect(limiter().checkUsage(987_654_321)).rejects.toThrow(UnknownAthleteError);
  });
});

describe('recordUsage (plan: record_usage increments correctly)', () => {
  it("adds tokens and one message to the athlete's local day", async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter();
    await rl.recordUsage(athlete.id, 1_200, 300);
    await rl.recordUsage(athlete.id, 800, 100);
    await rl.recordUsage(athlete.id, 0, 0);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      { ...EMPTY, date: '2026-03-31', inputTokens: 2_000, outputTokens: 400, messageCount: 3 },
    ]);
  });

  it('refuses counts that are not whole numbers of tokens', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    await expect(limiter().recordUsage(athlete.id, -1, 0)).rejects.toThrow(RangeError);
    await expect(limiter().recordUsage(athlete.id, 1, 0.5)).rejects.toThrow(RangeError);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([]);
  });
});

describe('day rollover (plan: day rollover resets usage)', () => {
  it("starts a new row at the athlete's local midnight, not at UTC midnight", async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    // 23:59 on 2026-03-30 in Denver, already 2026-03-31 in UTC.
    const clock = testClock('2026-03-31T05:59:00.000Z');
    const rl = limiter({ now: clock.now });
    await rl.recordUsage(athlete.id, 5_000, 700);
    expect(await rl.checkUsage(athlete.id)).toMatchObject({
      messageCount: 1,
      inputTokensUsed: 5_000,
    });

    clock.set('2026-03-31T06:00:00.000Z'); // 00:00 on 2026-03-31 in Denver
    expect(await rl.checkUsage(athlete.id)).toEqual({
      allowed: true,
      remainingMessages: 100,
      inputTokensUsed: 0,
      outputTokensUsed: 0,
      messageCount: 0,
      limit: 100,
    });
    expect((await rl.getDailyStats(athlete.id)).date).toBe('2026-03-31');
    await rl.recordUsage(athlete.id, 100, 10);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      { ...EMPTY, date: '2026-03-30', inputTokens: 5_000, outputTokens: 700, messageCount: 1 },
      { ...EMPTY, date: '2026-03-31', inputTokens: 100, outputTokens: 10, messageCount: 1 },
    ]);
  });

  it('gives a new day a full budget after the last one hit its limit', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'Asia/Tokyo' });
    // 23:30 on 2026-03-31 in Tokyo (UTC+9).
    const clock = testClock('2026-03-31T14:30:00.000Z');
    const rl = limiter({ now: clock.now, limits: { dailyMessages: 1 } });
    const first = { userId: athlete.id, inputTokens: 10, outputTokens: 10 };
    expect((await rl.reserve({ ...first, requestId: randomUUID() })).status).toBe('reserved');
    expect((await rl.reserve({ ...first, requestId: randomUUID() })).status).toBe('limited');
    clock.set('2026-03-31T15:00:00.000Z'); // 00:00 on 2026-04-01 in Tokyo
    const next = reserveOf(await rl.reserve({ ...first, requestId: randomUUID() }));
    expect(next.date).toBe('2026-04-01');
  });
});

describe('time zone changes (the usage day is not the athlete’s choice)', () => {
  const setZone = (id: number, timezone: string) =>
    database.prisma.user.update({ where: { id }, data: { timezone } });

  it('a jump east does not open tomorrow early: the new zone counts from the next usage day', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'UTC' });
    const clock = testClock('2026-03-10T12:00:00.000Z'); // already 2026-03-11 02:00 in Kiritimati
    const rl = limiter({ now: clock.now, limits: { dailyMessages: 2 } });
    const ask = () =>
      rl.reserve({ userId: athlete.id, requestId: randomUUID(), inputTokens: 1, outputTokens: 1 });
    expect((await ask()).status).toBe('reserved');
    expect((await ask()).status).toBe('reserved');
    await setZone(athlete.id, 'Pacific/Kiritimati');
    expect((await ask()).status).toBe('limited');
    expect(await rl.getDailyStats(athlete.id)).toMatchObject({
      date: '2026-03-10',
      messagesRemaining: 0,
      resetsAt: '2026-03-11T00:00:00.000Z',
    });

    clock.set('2026-03-11T00:00:00.000Z'); // the UTC day is over: the next one is Kiritimati's
    expect(reserveOf(await ask()).date).toBe('2026-03-11');
    expect((await rl.getDailyStats(athlete.id)).resetsAt).toBe('2026-03-11T10:00:00.000Z');
  });

  it('a jump west does not reopen yesterday', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'Pacific/Kiritimati' });
    const rl = limiter({
      now: () => new Date('2026-03-10T12:00:00.000Z'),
      limits: { dailyMessages: 1 },
    });
    const ask = () =>
      rl.reserve({ userId: athlete.id, requestId: randomUUID(), inputTokens: 1, outputTokens: 1 });
    expect(reserveOf(await ask()).date).toBe('2026-03-11');
    await setZone(athlete.id, 'Pacific/Pago_Pago'); // 2026-03-10 01:00 there
    expect((await ask()).status).toBe('limited');
    expect(await usageRows(database.prisma, athlete.id)).toHaveLength(1);
  });

  it('parallel first reservations of a day agree on its zone', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'UTC' });
    const rl = limiter({
      now: () => new Date('2026-03-10T12:00:00.000Z'),
      limits: { dailyMessages: 3 },
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        rl.reserve({
          userId: athlete.id,
          requestId: randomUUID(),
          inputTokens: 1,
          outputTokens: 1,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'reserved')).toHaveLength(3);
    expect(await usageRows(database.prisma, athlete.id)).toHaveLength(1);
  });
});

describe('reserve and settle', () => {
  it('holds estimates in reserved_* and replaces them with the billed counts', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter();
    const first = reserveOf(
      await rl.reserve({
        userId: athlete.id,
        requestId: randomUUID(),
        inputTokens: 5_000,
        outputTokens: 1_000,
      }),
    );
    expect(first).toMatchObject({ userId: athlete.id, date: '2026-03-31' });
    await rl.reserve({
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 3_000,
      outputTokens: 1_000,
    });
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      {
        ...EMPTY,
        date: '2026-03-31',
        messageCount: 2,
        reservedInputTokens: 8_000,
        reservedOutputTokens: 2_000,
      },
    ]);

    // Billed input = uncached 1,200 + cache read 2,800 + cache write 200, summed by the caller.
    expect(await rl.settle(first, { inputTokens: 4_200, outputTokens: 350 })).toEqual({
      settled: true,
    });
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      {
        date: '2026-03-31',
        messageCount: 2,
        inputTokens: 4_200,
        outputTokens: 350,
        reservedInputTokens: 3_000,
        reservedOutputTokens: 1_000,
      },
    ]);
    expect(await rl.checkUsage(athlete.id)).toMatchObject({
      messageCount: 2,
      inputTokensUsed: 7_200,
      outputTokensUsed: 1_350,
    });
    const stored = await database.prisma.chatReservation.findUniqueOrThrow({
      where: { userId_requestId: { userId: athlete.id, requestId: first.requestId } },
    });
    expect(stored).toMatchObject({
      date: '2026-03-31',
      status: 'settled',
      reservedInputTokens: 5_000,
      reservedOutputTokens: 1_000,
      inputTokens: 4_200,
      outputTokens: 350,
      createdAt: new Date(NOON),
      settledAt: new Date(NOON),
    });
  });

  it('is limited at the message limit, with the usage, and charges nothing', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter({ limits: { dailyMessages: 3 } });
    const request = { userId: athlete.id, inputTokens: 1_000, outputTokens: 500 };
    for (let i = 0; i < 3; i++) {
      expect((await rl.reserve({ ...request, requestId: randomUUID() })).status).toBe('reserved');
    }
    const refusedId = randomUUID();
    expect(await rl.reserve({ ...request, requestId: refusedId })).toEqual({
      status: 'limited',
      usage: {
        allowed: false,
        remainingMessages: 0,
        inputTokensUsed: 3_000,
        outputTokensUsed: 1_500,
        messageCount: 3,
        limit: 3,
      },
    });
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      {
        ...EMPTY,
        date: '2026-03-31',
        messageCount: 3,
        reservedInputTokens: 3_000,
        reservedOutputTokens: 1_500,
      },
    ]);
    // The refused request left no reservation behind: the whole transaction rolled back.
    expect(await database.prisma.chatReservation.count({ where: { userId: athlete.id } })).toBe(3);
    expect(
      await database.prisma.chatReservation.findUnique({
        where: { userId_requestId: { userId: athlete.id, requestId: refusedId } },
      }),
    ).toBeNull();
  });

  it('is limited when the tokens would exceed a limit, and admits exactly up to it', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter({ limits: { dailyInputTokens: 10_000, dailyOutputTokens: 2_000 } });
    const reserve = (inputTokens: number, outputTokens: number) =>
      rl.reserve({ userId: athlete.id, requestId: randomUUID(), inputTokens, outputTokens });

    expect((await reserve(6_000, 500)).status).toBe('reserved');
    await rl.recordUsage(athlete.id, 1_000, 500); // billed 7,000 in, 1,000 out (with reserved)
    expect(await reserve(3_001, 500)).toEqual({
      status: 'limited',
      usage: {
        allowed: true,
        remainingMessages: 98,
        inputTokensUsed: 7_000,
        outputTokensUsed: 1_000,
        messageCount: 2,
        limit: 100,
      },
    });
    expect((await reserve(1_000, 1_001)).status).toBe('limited'); // output 2,001 > 2,000
    expect((await reserve(3_000, 1_000)).status).toBe('reserved'); // exactly 10,000 and 2,000
    expect(await rl.checkUsage(athlete.id)).toMatchObject({
      allowed: false,
      inputTokensUsed: 10_000,
      outputTokensUsed: 2_000,
      messageCount: 3,
    });
    expect((await reserve(0, 0)).status).toBe('reserved'); // a message of nothing still fits
    expect((await reserve(1, 0)).status).toBe('limited');
  });

  it("refuses a day's first request that alone is over a limit, leaving no row", async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter({ limits: { dailyInputTokens: 10_000 } });
    const result = await rl.reserve({
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 10_001,
      outputTokens: 100,
    });
    expect(result).toEqual({
      status: 'limited',
      usage: {
        allowed: true,
        remainingMessages: 100,
        inputTokensUsed: 0,
        outputTokensUsed: 0,
        messageCount: 0,
        limit: 100,
      },
    });
    expect(await usageRows(database.prisma, athlete.id)).toEqual([]);
    const none = limiter({ limits: { dailyMessages: 0 } });
    expect(
      (
        await none.reserve({
          userId: athlete.id,
          requestId: randomUUID(),
          inputTokens: 1,
          outputTokens: 1,
        })
      ).status,
    ).toBe('limited');
  });

  it('charges a repeated requestId once, also when the repeats race', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter();
    const request = {
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 2_000,
      outputTokens: 400,
    };
    const reservation = reserveOf(await rl.reserve(request));
    expect(await rl.reserve(request)).toEqual({ status: 'duplicate', pending: true });

    const raced = { ...request, requestId: randomUUID() };
    const results = await Promise.all(Array.from({ length: 5 }, () => rl.reserve(raced)));
    expect(results.map((r) => r.status).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'reserved',
    ]);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      {
        ...EMPTY,
        date: '2026-03-31',
        messageCount: 2,
        reservedInputTokens: 4_000,
        reservedOutputTokens: 800,
      },
    ]);
    // Once settled, a repeat is told that the request is over (nothing to attach to anywhere).
    await rl.settle(reservation, { inputTokens: 1_000, outputTokens: 100 });
    expect(await rl.reserve(request)).toEqual({ status: 'duplicate', pending: false });
  });

  it('tells a repeat of an admitted request that it is a duplicate, also once the day is full', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter({ limits: { dailyMessages: 2 } });
    const base = { userId: athlete.id, inputTokens: 10, outputTokens: 10 };
    await rl.reserve({ ...base, requestId: randomUUID() }); // opens the day
    const last = { ...base, requestId: randomUUID() };
    expect((await rl.reserve(last)).status).toBe('reserved');
    expect(await rl.reserve(last)).toEqual({ status: 'duplicate', pending: true });
    expect((await rl.reserve({ ...base, requestId: randomUUID() })).status).toBe('limited');
    expect((await usageRows(database.prisma, athlete.id))[0]?.messageCount).toBe(2);
  });

  it('lets a requestId that was limited try again later', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const clock = testClock(NOON);
    const rl = limiter({ now: clock.now, limits: { dailyMessages: 1 } });
    const base = { userId: athlete.id, inputTokens: 10, outputTokens: 10 };
    await rl.reserve({ ...base, requestId: randomUUID() });
    const retried = { ...base, requestId: randomUUID() };
    expect((await rl.reserve(retried)).status).toBe('limited');
    clock.set('2026-04-01T18:00:00.000Z'); // the next day in Denver
    expect((await rl.reserve(retried)).status).toBe('reserved');
  });

  it('settles once: a second settle changes nothing', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter();
    const reservation = reserveOf(
      await rl.reserve({
        userId: athlete.id,
        requestId: randomUUID(),
        inputTokens: 2_000,
        outputTokens: 1_000,
      }),
    );
    expect(await rl.settle(reservation, { inputTokens: 1_500, outputTokens: 600 })).toEqual({
      settled: true,
    });
    expect(await rl.settle(reservation, { inputTokens: 9_999, outputTokens: 9_999 })).toEqual({
      settled: false,
    });
    const twice = await Promise.all([
      rl.settle(reservation, { inputTokens: 1, outputTokens: 1 }),
      rl.settle(reservation, { inputTokens: 2, outputTokens: 2 }),
    ]);
    expect(twice).toEqual([{ settled: false }, { settled: false }]);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      { ...EMPTY, date: '2026-03-31', messageCount: 1, inputTokens: 1_500, outputTokens: 600 },
    ]);
    expect(
      await database.prisma.chatReservation.findUniqueOrThrow({
        where: { userId_requestId: { userId: athlete.id, requestId: reservation.requestId } },
      }),
    ).toMatchObject({ inputTokens: 1_500, outputTokens: 600, status: 'settled' });
    expect(
      await rl.settle(
        { ...reservation, requestId: randomUUID() },
        { inputTokens: 1, outputTokens: 1 },
      ),
    ).toEqual({ settled: false });
  });

  it('settles what is asked for in one turn in one statement, each on its athlete’s day', async () => {
    const first = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const second = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    let statements = 0;
    const counted = new Proxy(database.prisma, {
      get(target, property, receiver) {
        if (property !== '$queryRaw') return Reflect.get(target, property, receiver);
        return (...args: Parameters<typeof target.$queryRaw>) => {
          statements += 1;
          return target.$queryRaw(...args);
        };
      },
    });
    const rl = limiter({ prisma: counted });
    const request = (userId: number) => ({
      userId,
      requestId: randomUUID(),
      inputTokens: 2_000,
      outputTokens: 1_000,
    });
    const reservations = [
      reserveOf(await rl.reserve(request(first.id))),
      reserveOf(await rl.reserve(request(first.id))),
      reserveOf(await rl.reserve(request(second.id))),
    ] as const;
    statements = 0;
    const results = await Promise.all([
      rl.settle(reservations[0], { inputTokens: 1_500, outputTokens: 600 }),
      rl.settle(reservations[1], { inputTokens: 0, outputTokens: 0 }, { releaseMessage: true }),
      rl.settle(reservations[2], { inputTokens: 1_200, outputTokens: 300 }),
      // A repeat in the same turn goes in the next statement, and finds it settled.
      rl.settle(reservations[2], { inputTokens: 9_999, outputTokens: 9_999 }),
    ]);
    expect(results).toEqual([
      { settled: true },
      { settled: true },
      { settled: true },
      { settled: false },
    ]);
    expect(statements).toBe(2);
    expect(await usageRows(database.prisma, first.id)).toEqual([
      { ...EMPTY, date: '2026-03-31', messageCount: 1, inputTokens: 1_500, outputTokens: 600 },
    ]);
    expect(await usageRows(database.prisma, second.id)).toEqual([
      { ...EMPTY, date: '2026-03-31', messageCount: 1, inputTokens: 1_200, outputTokens: 300 },
    ]);
  });

  it('a settle that releases the message gives it back once, with the tokens', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter({ limits: { dailyMessages: 1 } });
    const request = { userId: athlete.id, inputTokens: 2_000, outputTokens: 1_000 };
    const reservation = reserveOf(await rl.reserve({ ...request, requestId: randomUUID() }));
    const free = { inputTokens: 0, outputTokens: 0 };
    const raced = await Promise.all([
      rl.settle(reservation, free, { releaseMessage: true }),
      rl.settle(reservation, free, { releaseMessage: true }),
    ]);
    expect(raced.filter((r) => r.settled)).toHaveLength(1);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      { ...EMPTY, date: '2026-03-31', messageCount: 0 },
    ]);
    // The one message of the day is still there to use.
    expect((await rl.reserve({ ...request, requestId: randomUUID() })).status).toBe('reserved');
    expect((await rl.reserve({ ...request, requestId: randomUUID() })).status).toBe('limited');
  });

  it('settles a request that outlived midnight on the day it was charged to', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const clock = testClock('2026-03-31T05:59:30.000Z'); // 23:59:30 on 2026-03-30 in Denver
    const rl = limiter({ now: clock.now });
    const reservation = reserveOf(
      await rl.reserve({
        userId: athlete.id,
        requestId: randomUUID(),
        inputTokens: 4_000,
        outputTokens: 1_000,
      }),
    );
    expect(reservation.date).toBe('2026-03-30');

    clock.set('2026-03-31T06:00:45.000Z'); // 00:00:45 on 2026-03-31
    await rl.recordUsage(athlete.id, 50, 5);
    await rl.settle(reservation, { inputTokens: 3_600, outputTokens: 900 });
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      { ...EMPTY, date: '2026-03-30', messageCount: 1, inputTokens: 3_600, outputTokens: 900 },
      { ...EMPTY, date: '2026-03-31', messageCount: 1, inputTokens: 50, outputTokens: 5 },
    ]);
    expect(await rl.checkUsage(athlete.id)).toMatchObject({ inputTokensUsed: 50, messageCount: 1 });
  });

  it('refuses estimates and billed counts that are not whole numbers of tokens', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter();
    const request = {
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 10,
      outputTokens: 10,
    };
    await expect(rl.reserve({ ...request, inputTokens: -5 })).rejects.toThrow(RangeError);
    await expect(
      rl.reserve({ ...request, outputTokens: Number.POSITIVE_INFINITY }),
    ).rejects.toThrow(RangeError);
    await expect(rl.reserve({ ...request, requestId: '' })).rejects.toThrow(RangeError);
    const reservation = reserveOf(await rl.reserve(request));
    await expect(rl.settle(reservation, { inputTokens: 1.5, outputTokens: 1 })).rejects.toThrow(
      RangeError,
    );
    await expect(rl.reserve({ ...request, userId: 987_654_321 })).rejects.toThrow(
      UnknownAthleteError,
    );
  });
});

describe('settleStaleReservations', () => {
  it('settles reservations left pending past the age at their estimates, once', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    // The sweep covers every athlete: this test's clock runs a year before the other tests', so
    // their reservations (all made later) are never older than its cutoff.
    const clock = testClock('2025-03-31T18:00:00.000Z');
    const rl = limiter({ now: clock.now });
    const reserve = (inputTokens: number, outputTokens: number) =>
      rl.reserve({ userId: athlete.id, requestId: randomUUID(), inputTokens, outputTokens });
    const crashed = reserveOf(await reserve(5_000, 1_000));
    const finished = reserveOf(await reserve(2_000, 1_000));
    clock.set('2025-03-31T18:10:00.000Z');
    const recent = reserveOf(await reserve(3_000, 800));
    await rl.settle(finished, { inputTokens: 1_900, outputTokens: 300 });

    clock.set('2025-03-31T18:20:00.000Z');
    // Only `crashed` is pending and older than 15 minutes (`recent` is 10 minutes old).
    expect(await rl.settleStaleReservations(15 * 60_000)).toBe(1);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      {
        date: '2025-03-31',
        messageCount: 3,
        inputTokens: 6_900,
        outputTokens: 1_300,
        reservedInputTokens: 3_000,
        reservedOutputTokens: 800,
      },
    ]);
    expect(
      await database.prisma.chatReservation.findUniqueOrThrow({
        where: { userId_requestId: { userId: athlete.id, requestId: crashed.requestId } },
      }),
    ).toMatchObject({
      status: 'settled',
      inputTokens: 5_000,
      outputTokens: 1_000,
      settledAt: new Date('2025-03-31T18:20:00.000Z'),
    });
    expect(await rl.settleStaleReservations(15 * 60_000)).toBe(0);
    // The crashed request's own late settle changes nothing.
    expect(await rl.settle(crashed, { inputTokens: 1, outputTokens: 1 })).toEqual({
      settled: false,
    });
    expect(recent.date).toBe('2025-03-31');
  });
});

describe('getDailyStats', () => {
  it('reports usage, the most used limit and the next local midnight in Denver', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter();
    expect(await rl.getDailyStats(athlete.id)).toEqual({
      messagesUsed: 0,
      messagesRemaining: 100,
      messageLimit: 100,
      percentageUsed: 0,
      inputTokensUsed: 0,
      outputTokensUsed: 0,
      date: '2026-03-31',
      resetsAt: '2026-04-01T06:00:00.000Z',
    });
    await rl.recordUsage(athlete.id, 60_000, 7_500);
    await rl.reserve({
      userId: athlete.id,
      requestId: randomUUID(),
      inputTokens: 40_000,
      outputTokens: 0,
    });
    // messages 2 %, input 100,000 / 600,000 = 16.67 %, output 7,500 / 150,000 = 5 %
    expect(await rl.getDailyStats(athlete.id)).toEqual({
      messagesUsed: 2,
      messagesRemaining: 98,
      messageLimit: 100,
      percentageUsed: 16.7,
      inputTokensUsed: 100_000,
      outputTokensUsed: 7_500,
      date: '2026-03-31',
      resetsAt: '2026-04-01T06:00:00.000Z',
    });
  });

  it('follows the message count when it is the most used', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'Europe/Berlin' });
    const rl = limiter({ limits: { dailyMessages: 8 } });
    for (let i = 0; i < 3; i++) await rl.recordUsage(athlete.id, 100, 100);
    expect(await rl.getDailyStats(athlete.id)).toMatchObject({
      messagesUsed: 3,
      messagesRemaining: 5,
      messageLimit: 8,
      percentageUsed: 37.5,
      date: '2026-03-31',
      // midnight of 2026-04-01 in Berlin (CEST, UTC+2)
      resetsAt: '2026-03-31T22:00:00.000Z',
    });
  });
});

describe('concurrency on the embedded database', () => {
  it('admits exactly the 5 of 20 parallel requests that fit the messages left', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    await database.prisma.chatUsage.create({
      data: { userId: athlete.id, date: '2026-03-31', messageCount: 95 },
    });
    const rl = limiter();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        rl.reserve({
          userId: athlete.id,
          requestId: randomUUID(),
          inputTokens: 1_000,
          outputTokens: 200,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'reserved')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'limited')).toHaveLength(15);
    expect(await usageRows(database.prisma, athlete.id)).toEqual([
      {
        ...EMPTY,
        date: '2026-03-31',
        messageCount: 100,
        reservedInputTokens: 5_000,
        reservedOutputTokens: 1_000,
      },
    ]);
    expect(await database.prisma.chatReservation.count({ where: { userId: athlete.id } })).toBe(5);
  });

  it('admits exactly the parallel requests whose estimates fit the tokens left', async () => {
    const athlete = await createTestAthlete(database.prisma, { timezone: 'America/Denver' });
    const rl = limiter({ limits: { dailyInputTokens: 7_500 } });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        rl.reserve({
          userId: athlete.id,
          requestId: randomUUID(),
          inputTokens: 1_000,
          outputTokens: 10,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'reserved')).toHaveLength(7);
    expect(await rl.checkUsage(athlete.id)).toMatchObject({
      inputTokensUsed: 7_000,
      messageCount: 7,
    });
  });
});
