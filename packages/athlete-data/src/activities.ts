import { randomUUID } from 'node:crypto';
import { atomically, type DbClient } from '@coach/db';
import {
  ACTIVITY_NAME_MAX_CHARS,
  ACTIVITY_NOTES_MAX_CHARS,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  type ActivityType,
  distanceIn,
  instantAt,
  isLocalDate,
  localDateOf,
  MANUAL_ACTIVITY_BOUNDS,
  METERS_PER_FOOT,
  METERS_PER_MILE,
  type Units,
} from '@coach/metrics';
import {
  type ActivityChanges,
  deleteActivity as deleteStoredActivity,
  recordActivities,
  updateActivity as updateStoredActivity,
} from '@coach/training';
import { z } from 'zod';
import { loadAthleteProfile } from './athlete';

/** Where an activity added by hand comes from; only these can be edited (an import is the file's). */
const MANUAL_SOURCE = 'manual';
const ACTIVITIES_PAGE = Object.freeze({ default: 20, max: 100 });

/** The athlete has no activity with that id. */
export class ActivityNotFoundError extends Error {
  constructor() {
    super('No such activity.');
    this.name = 'ActivityNotFoundError';
  }
}

/** Only activities added by hand can be edited; an imported one can be deleted and imported again. */
export class ActivityNotEditableError extends Error {
  constructor() {
    super('Only activities added by hand can be edited.');
    this.name = 'ActivityNotEditableError';
  }
}

const B = MANUAL_ACTIVITY_BOUNDS;

/**
 * An activity as the athlete types it, in their units: distance in km or miles, climb in metres or
 * feet. The time of day is local (their time zone); it defaults to noon.
 */
export const manualActivityInput = z.strictObject({
  date: z.string().refine(isLocalDate, { error: 'Expected a date as YYYY-MM-DD' }),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time as HH:MM')
    .default('12:00'),
  type: z.enum(ACTIVITY_TYPES),
  name: z.string().trim().max(ACTIVITY_NAME_MAX_CHARS).default(''),
  distance: z.number().min(0).max(B.maxDistance),
  durationSeconds: z.number().int().min(1).max(B.maxDurationSeconds),
  climb: z.number().min(0).max(B.maxClimb).default(0),
  averageHeartRate: z
    .number()
    .int()
    .min(B.heartRate.min)
    .max(B.heartRate.max)
    .nullable()
    .default(null),
  perceivedEffort: z
    .number()
    .int()
    .min(B.perceivedEffort.min)
    .max(B.perceivedEffort.max)
    .nullable()
    .default(null),
  notes: z.string().trim().max(ACTIVITY_NOTES_MAX_CHARS).default(''),
});
export type ManualActivityInput = z.input<typeof manualActivityInput>;
type ManualActivity = z.output<typeof manualActivityInput>;

/** An activity's id: a positive 32-bit integer, as the database stores it. */
const activityId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export const activityIdInput = z.strictObject({ id: activityId });

// Not strict: tRPC's infinite queries add their own `direction` beside the cursor.
export const activitiesPageInput = z
  .object({
    /** the id of the last activity of the previous page */
    cursor: activityId.nullish(),
    limit: z.number().int().min(1).max(ACTIVITIES_PAGE.max).default(ACTIVITIES_PAGE.default),
  })
  .default({ limit: ACTIVITIES_PAGE.default });

/** One activity as the page lists it, in the athlete's units. */
interface ActivityView {
  id: number;
  date: string;
  /** local time of day, HH:MM */
  time: string;
  type: ActivityType | string;
  name: string;
  /** km or miles */
  distance: number;
  durationSeconds: number;
  /** metres or feet */
  climb: number;
  averageHeartRate: number | null;
  perceivedEffort: number | null;
  /** the athlete's own words about it, or null */
  notes: string | null;
  /** no heart rate or RPE: its internal load is estimated from its duration and sport */
  internalLoadEstimated: boolean;
  /** added by hand, so it can be edited */
  editable: boolean;
}

export interface ActivitiesPage {
  units: Units;
  items: ActivityView[];
  nextCursor: number | null;
}

const metersPer = (units: Units) => ({
  distance: units === 'imperial' ? METERS_PER_MILE : 1000,
  climb: units === 'imperial' ? METERS_PER_FOOT : 1,
});

const activitySelect = {
  id: true,
  source: true,
  startTime: true,
  type: true,
  name: true,
  distanceMeters: true,
  movingTimeSeconds: true,
  elevationGainMeters: true,
  averageHeartRate: true,
  perceivedEffort: true,
  notes: true,
  internalLoadEstimated: true,
} as const;

/** The athlete's activities, newest first, a page at a time. */
export async function listActivities(
  db: DbClient,
  userId: number,
  page: z.input<typeof activitiesPageInput> = {},
): Promise<ActivitiesPage> {
  const { cursor, limit } = activitiesPageInput.parse(page);
  const { units, timezone } = await loadAthleteProfile(db, userId, new Date());
  const rows = await db.activity.findMany({
    where: { userId },
    orderBy: [{ startTime: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: activitySelect,
  });
  const per = metersPer(units);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const items = rows.slice(0, limit).map(
    (row): ActivityView => ({
      id: row.id,
      date: localDateOf(row.startTime, timezone),
      time: time.format(row.startTime),
      type: row.type,
      name: row.name,
      // rounded by the one function the coach's prompt uses too, so both show the same figure
      distance: distanceIn(row.distanceMeters, units),
      durationSeconds: row.movingTimeSeconds,
      climb: Math.round(row.elevationGainMeters / per.climb),
      averageHeartRate: row.averageHeartRate === null ? null : Math.round(row.averageHeartRate),
      perceivedEffort: row.perceivedEffort,
      notes: row.notes,
      internalLoadEstimated: row.internalLoadEstimated,
      editable: row.source === MANUAL_SOURCE,
    }),
  );
  return { units, items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/** The stored fields of a hand-entered activity, converted from the athlete's units. */
function storedFields(
  input: ManualActivity,
  athlete: { units: Units; timezone: string },
): ActivityChanges {
  const per = metersPer(athlete.units);
  const [hour, minute] = input.time.split(':').map(Number) as [number, number];
  return {
    startTime: instantAt(input.date, hour, minute, athlete.timezone),
    type: input.type,
    name: input.name || ACTIVITY_TYPE_LABELS[input.type],
    distanceMeters: input.distance * per.distance,
    movingTimeSeconds: input.durationSeconds,
    elevationGainMeters: input.climb * per.climb,
    averageHeartRate: input.averageHeartRate,
    maxHeartRate: null,
    perceivedEffort: input.perceivedEffort,
    notes: input.notes || null,
    heartRateSeconds: null,
  };
}

/** Adds an activity by hand; the daily metrics follow in the same transaction. Returns its id. */
export async function createActivity(
  db: DbClient,
  userId: number,
  input: ManualActivityInput,
  now: Date = new Date(),
): Promise<{ id: number }> {
  const activity = manualActivityInput.parse(input);
  return atomically(db, async (tx) => {
    const athlete = await loadAthleteProfile(tx, userId, now);
    const sourceId = randomUUID();
    await recordActivities(
      tx,
      userId,
      [{ source: MANUAL_SOURCE, sourceId, ...storedFields(activity, athlete) }],
      now,
    );
    return tx.activity.findUniqueOrThrow({
      where: { userId_source_sourceId: { userId, source: MANUAL_SOURCE, sourceId } },
      select: { id: true },
    });
  });
}

/** Changes an activity added by hand; the daily metrics follow in the same transaction. */
export async function updateActivity(
  db: DbClient,
  userId: number,
  id: number,
  input: ManualActivityInput,
  now: Date = new Date(),
): Promise<void> {
  const activity = manualActivityInput.parse(input);
  await atomically(db, async (tx) => {
    const stored = await tx.activity.findFirst({
      where: { id, userId },
      select: { source: true },
    });
    if (!stored) throw new ActivityNotFoundError();
    if (stored.source !== MANUAL_SOURCE) throw new ActivityNotEditableError();
    const athlete = await loadAthleteProfile(tx, userId, now);
    await updateStoredActivity(tx, userId, id, storedFields(activity, athlete), now);
  });
}

/** Deletes one of the athlete's activities (added by hand or imported); the metrics follow. */
export async function deleteActivity(
  db: DbClient,
  userId: number,
  id: number,
  now: Date = new Date(),
): Promise<void> {
  if (!(await deleteStoredActivity(db, userId, id, now))) throw new ActivityNotFoundError();
}
