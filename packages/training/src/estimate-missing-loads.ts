import { atomically, type DbClient } from '@coach/db';
import { fromUtcMidnight } from '@coach/metrics';
import { recomputeDailyMetrics } from './daily-metrics';
import { internalLoadOfStored, storedEffortSelect } from './stored-load';

/**
 * Activities that may still count as rest for want of a sensor: stored before internal load had an
 * estimate (no RPE, not marked estimated, load 0). Heart-rate rows whose TRIMP is really 0 match too;
 * the rule below leaves them as they are.
 */
const possiblyUnestimated = {
  internalLoadEstimated: false,
  internalLoad: 0,
  perceivedEffort: null,
} as const;

/**
 * Gives activities stored before the estimate existed the internal load the metrics package gives
 * them now (`internalLoad`, with the athlete's heart-rate profile), then rebuilds each changed
 * athlete's daily metrics from the earliest changed date. One transaction per athlete, under the
 * athlete's row lock, so instances starting together do the work once; a second run changes
 * nothing. Returns the number of activities changed.
 */
export async function estimateMissingInternalLoads(
  db: DbClient,
  now: Date = new Date(),
): Promise<number> {
  const athletes = await db.activity.findMany({
    where: possiblyUnestimated,
    distinct: ['userId'],
    select: { userId: true },
  });
  let changed = 0;
  for (const { userId } of athletes) {
    changed += await estimateForAthlete(db, userId, now);
  }
  return changed;
}

async function estimateForAthlete(db: DbClient, userId: number, now: Date): Promise<number> {
  return atomically(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const athlete = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { restingHeartRate: true, maxHeartRate: true, sex: true },
    });
    const activities = await tx.activity.findMany({
      where: { userId, ...possiblyUnestimated },
      select: { id: true, localDate: true, ...storedEffortSelect },
    });
    const ids: number[] = [];
    const loads: number[] = [];
    let earliest: Date | undefined;
    for (const activity of activities) {
      const load = internalLoadOfStored(activity, athlete);
      if (!load.estimated) continue;
      ids.push(activity.id);
      loads.push(load.value);
      if (!earliest || activity.localDate < earliest) earliest = activity.localDate;
    }
    if (!earliest) return 0;
    await tx.$executeRaw`
      UPDATE activities AS a SET internal_load = v.internal_load, internal_load_estimated = true
      FROM unnest(${ids}::int[], ${loads}::float8[]) AS v(id, internal_load)
      WHERE a.id = v.id AND a.user_id = ${userId}`;
    await recomputeDailyMetrics(tx, userId, now, fromUtcMidnight(earliest));
    return ids.length;
  });
}
