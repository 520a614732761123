import { atomically, type DbClient, Prisma } from '@coach/db';
import {
  externalLoad,
  type HeartRateProfile,
  type HeartRateSeconds,
  internalLoad,
  localDateOf,
  toUtcMidnight,
} from '@coach/metrics';
import { recomputeDailyMetrics } from './daily-metrics';

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

type Athlete = { timezone: string } & HeartRateProfile;

const athleteSelect = {
  timezone: true,
  restingHeartRate: true,
  maxHeartRate: true,
  sex: true,
} as const;

/** What is stored beside an activity's own fields: its local date and its loads. */
function derivedFields(activity: Omit<NewActivity, 'source' | 'sourceId'>, athlete: Athlete) {
  return {
    heartRateSeconds: activity.heartRateSeconds ?? Prisma.DbNull,
    localDate: toUtcMidnight(localDateOf(activity.startTime, athlete.timezone)),
    externalLoad: externalLoad(activity),
    internalLoad: internalLoad(activity, athlete).value,
  };
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
      select: athleteSelect,
    });
    const { count } = await tx.activity.createMany({
      data: activities.map((activity) => ({
        ...activity,
        ...derivedFields(activity, athlete),
        userId,
      })),
      skipDuplicates: true,
    });
    if (count > 0) await recomputeDailyMetrics(tx, userId, now);
    return { added: count };
  });
}

/** An activity's own fields as the athlete may change them (where it came from stays). */
export type ActivityChanges = Omit<NewActivity, 'source' | 'sourceId'>;

/**
 * Replaces the fields of one of the athlete's activities, with its loads and local date, and
 * rebuilds their daily metrics, in one transaction. False when the athlete has no such activity.
 */
export async function updateActivity(
  db: DbClient,
  userId: number,
  activityId: number,
  changes: ActivityChanges,
  now: Date = new Date(),
): Promise<boolean> {
  return atomically(db, async (tx) => {
    const athlete = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: athleteSelect,
    });
    const { count } = await tx.activity.updateMany({
      where: { id: activityId, userId },
      data: { ...changes, ...derivedFields(changes, athlete) },
    });
    if (count > 0) await recomputeDailyMetrics(tx, userId, now);
    return count > 0;
  });
}

/**
 * Deletes one of the athlete's activities and rebuilds their daily metrics, in one transaction.
 * False when the athlete has no such activity.
 */
export async function deleteActivity(
  db: DbClient,
  userId: number,
  activityId: number,
  now: Date = new Date(),
): Promise<boolean> {
  return atomically(db, async (tx) => {
    const { count } = await tx.activity.deleteMany({ where: { id: activityId, userId } });
    if (count > 0) await recomputeDailyMetrics(tx, userId, now);
    return count > 0;
  });
}
