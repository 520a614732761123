import { atomically, type DbClient } from '@coach/db';
import {
  computeDailyMetrics,
  fromUtcMidnight,
  laterOf,
  todayIn,
  toUtcMidnight,
} from '@coach/metrics';

/**
 * Rebuilds the athlete's stored daily metrics from all their activities, from the first activity
 * to today in their timezone. The computation is linear in days, so a full rebuild stays cheap and
 * can never leave windows half-updated. Returns the number of days stored.
 */
export async function recomputeDailyMetrics(
  db: DbClient,
  userId: number,
  now: Date = new Date(),
): Promise<number> {
  const { timezone } = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { timezone: true },
  });
  const loads = (
    await db.activity.findMany({
      where: { userId },
      select: { localDate: true, externalLoad: true, internalLoad: true },
      orderBy: { localDate: 'asc' },
    })
  ).map((row) => ({ ...row, localDate: fromUtcMidnight(row.localDate) }));

  const first = loads[0]?.localDate;
  const last = loads.at(-1)?.localDate;
  const today = todayIn(timezone, now);
  const days =
    first && last ? computeDailyMetrics(loads, { from: first, to: laterOf(last, today) }) : [];

  // Readers never see the athlete without metrics: the old rows go and the new come in one commit.
  await atomically(db, async (tx) => {
    await tx.dailyMetrics.deleteMany({ where: { userId } });
    await tx.dailyMetrics.createMany({
      data: days.map((day) => ({ ...day, userId, date: toUtcMidnight(day.date) })),
    });
  });
  return days.length;
}
