import { atomically, type DbClient, Prisma } from '@coach/db';
import {
  externalLoad,
  fromUtcMidnight,
  type HeartRateProfile,
  type HeartRateSeconds,
  internalLoad,
  type LocalDate,
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
  /** The athlete's own words about the session (athlete text: fenced in prompts, never logged). */
  notes?: string | null;
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
  const internal = internalLoad(activity, athlete);
  return {
    heartRateSeconds: activity.heartRateSeconds ?? Prisma.DbNull,
    localDate: toUtcMidnight(localDateOf(activity.startTime, athlete.timezone)),
    externalLoad: externalLoad(activity),
    internalLoad: internal.value,
    internalLoadEstimated: internal.source === 'estimated',
  };
}

/**
 * One insert of all the activities, their values passed as one JSON parameter (Prisma's createMany
 * binds every value of every row: ≈ 2 ms an activity on PGlite); one already stored is skipped.
 */
function insertActivities(
  userId: number,
  rows: readonly (Omit<NewActivity, 'heartRateSeconds' | 'notes'> & {
    notes: string | null;
    localDate: Date;
    externalLoad: number;
    internalLoad: number;
    internalLoadEstimated: boolean;
    heartRateSeconds: HeartRateSeconds | null;
  })[],
): Prisma.Sql {
  return Prisma.sql`
    insert into activities (user_id, source, source_id, start_time, local_date, type, name,
      distance_meters, moving_time_seconds, elevation_gain_meters, average_heart_rate,
      max_heart_rate, perceived_effort, notes, heart_rate_seconds, external_load, internal_load,
      internal_load_estimated)
    select ${userId}, a."source", a."sourceId", a."startTime", a."localDate", a."type", a."name",
      a."distanceMeters", a."movingTimeSeconds", a."elevationGainMeters", a."averageHeartRate",
      a."maxHeartRate", a."perceivedEffort", a."notes", a."heartRateSeconds", a."externalLoad",
      a."internalLoad", a."internalLoadEstimated"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as a("source" text, "sourceId" text,
      "startTime" timestamptz, "localDate" date, "type" text, "name" text, "distanceMeters" float8,
      "movingTimeSeconds" int, "elevationGainMeters" float8, "averageHeartRate" float8,
      "maxHeartRate" float8, "perceivedEffort" int, "notes" text, "heartRateSeconds" jsonb, "externalLoad" float8,
      "internalLoad" float8, "internalLoadEstimated" boolean)
    on conflict (user_id, source, source_id) do nothing`;
}

/** The earliest local date among stored activities' (UTC-midnight) dates: where their change begins. */
function earliestDate(rows: readonly { localDate: Date }[]): LocalDate | undefined {
  const times = rows.map((row) => row.localDate.getTime());
  return times.length === 0 ? undefined : fromUtcMidnight(new Date(Math.min(...times)));
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
    const rows = activities.map((activity) => ({
      ...activity,
      ...derivedFields(activity, athlete),
      heartRateSeconds: activity.heartRateSeconds ?? null,
      notes: activity.notes ?? null,
    }));
    const count = rows.length === 0 ? 0 : await tx.$executeRaw(insertActivities(userId, rows));
    if (count > 0) await recomputeDailyMetrics(tx, userId, now, earliestDate(rows));
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
    const before = await tx.activity.findFirst({
      where: { id: activityId, userId },
      select: { localDate: true },
    });
    if (!before) return false;
    const data = { ...changes, ...derivedFields(changes, athlete) };
    await tx.activity.update({ where: { id: activityId }, data });
    await recomputeDailyMetrics(tx, userId, now, earliestDate([before, data]));
    return true;
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
    const deleted = await tx.activity.findFirst({
      where: { id: activityId, userId },
      select: { localDate: true },
    });
    if (!deleted) return false;
    await tx.activity.delete({ where: { id: activityId } });
    await recomputeDailyMetrics(tx, userId, now, earliestDate([deleted]));
    return true;
  });
}
