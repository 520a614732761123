import { Prisma } from '@coach/db';
import {
  externalLoad,
  type HeartRateSeconds,
  internalLoad,
  localDateOf,
  toUtcMidnight,
} from '@coach/metrics';
import { recomputeDailyMetrics } from './daily-metrics';
import { atomically, type DbClient } from './db-client';

/** An activity as it arrives from a device, an import or the generator. */
export interface NewActivity {
  source: string;
  sourceId: string;
  startTime: Date;
  type: string;
  name: string;
  distanceMeters: number;
  movingTimeSeconds: number;
  elevationGainMeters: number;
  averageHeartRate: number | null;
  maxHeartRate: number | null;
  perceivedEffort: number | null;
  /** From the recorded heart-rate stream, when there is one: internal load is then summed over it. */
  heartRateSeconds?: HeartRateSeconds | null;
}

/**
 * Stores activities with their loads and local dates, then brings the athlete's daily metrics up to
 * date. Idempotent: an activity already stored (same source and sourceId) is left as it is.
 */
export async function recordActivities(
  db: DbClient,
  userId: number,
  activities: NewActivity[],
  now: Date = new Date(),
): Promise<{ added: number }> {
  return atomically(db, async (tx) => {
    const athlete = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { timezone: true, restingHeartRate: true, maxHeartRate: true, sex: true },
    });
    const { count } = await tx.activity.createMany({
      data: activities.map((activity) => ({
        ...activity,
        heartRateSeconds: activity.heartRateSeconds ?? Prisma.DbNull,
        userId,
        localDate: toUtcMidnight(localDateOf(activity.startTime, athlete.timezone)),
        externalLoad: externalLoad(activity),
        internalLoad: internalLoad(activity, athlete).value,
      })),
      skipDuplicates: true,
    });
    if (count > 0) await recomputeDailyMetrics(tx, userId, now);
    return { added: count };
  });
}
