import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { addDays, dateRange, fromUtcMidnight } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COACHED_DAYS, prepareDemo } from './demo';

// 2026-11-25 10:00 in Denver, the demo's time zone.
const NOW = new Date('2026-11-25T17:00:00Z');
const TODAY = '2026-11-25';
const DAYS_AWAY = 5;
const LOGIN = { email: 'demo@example.com', password: 'demo-password' };

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function coachedDays(userId: number) {
  const rows = await database.prisma.dailyRecommendation.findMany({
    where: { userId },
    orderBy: { date: 'asc' },
    select: { date: true },
  });
  return rows.map((row) => fromUtcMidnight(row.date));
}

describe('prepareDemo', () => {
  it('seeds the demo and coaches its last two weeks, then tops it up days later', async () => {
    const then = new Date(NOW.getTime() - DAYS_AWAY * 86_400_000);
    const thenDay = addDays(TODAY, -DAYS_AWAY);
    const first = await prepareDemo(database.prisma, LOGIN, then);
    expect(first.created).toBe(true);
    expect(first.coachedDays).toBe(DEMO_COACHED_DAYS);
    expect(await coachedDays(first.userId)).toEqual(
      dateRange(addDays(thenDay, 1 - DEMO_COACHED_DAYS), thenDay),
    );
    const programs = await database.prisma.weeklyProgram.count({ where: { userId: first.userId } });
    expect(programs).toBeGreaterThan(2);

    // The server starts again five days later: the days since are added and coached in order.
    const later = await prepareDemo(database.prisma, LOGIN, NOW);
    expect(later.created).toBe(false);
    expect(later.added).toBeGreaterThan(0);
    expect(later.coachedDays).toBe(DAYS_AWAY);
    const days = await coachedDays(first.userId);
    expect(days.at(-1)).toBe(TODAY);
    expect(days).toHaveLength(DEMO_COACHED_DAYS + DAYS_AWAY);
    const lastActivity = await database.prisma.activity.findFirstOrThrow({
      where: { userId: first.userId },
      orderBy: { startTime: 'desc' },
    });
    expect(fromUtcMidnight(lastActivity.localDate) >= addDays(TODAY, -3)).toBe(true);
    // Yesterday's autopsy scores what the top-up recorded for it.
    const autopsy = await database.prisma.autopsy.findFirstOrThrow({
      where: { userId: first.userId },
      orderBy: { date: 'desc' },
    });
    expect(fromUtcMidnight(autopsy.date)).toBe(addDays(TODAY, -1));

    // A second start the same day adds and coaches nothing.
    const again = await prepareDemo(database.prisma, LOGIN, new Date(NOW.getTime() + 3_600_000));
    expect(again).toMatchObject({ created: false, added: 0, coachedDays: 0 });
  });
});
