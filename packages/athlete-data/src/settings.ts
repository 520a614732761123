import { atomically, type DbClient, type Prisma } from '@coach/db';
import {
  COACHING_SPECTRUM_MAX,
  COACHING_SPECTRUM_MIN,
  type CoachingStyle,
  coachingStyleFor,
  fromUtcMidnight,
  localDateOf,
  RISK_TOLERANCES,
  type RiskTolerance,
  type Sex,
  TRAINING_WEEK,
  type Units,
  WEEKDAYS,
  type Weekday,
} from '@coach/metrics';
import { internalLoadOfStored, recomputeDailyMetrics, storedEffortSelect } from '@coach/training';
import { z } from 'zod';
import { iso, lockAthlete, profileSelect, UnknownAthleteError } from './athlete';
import { MAX_HEART_RATE, RESTING_HEART_RATE } from './bounds';

const DISPLAY_NAME_MAX_CHARS = 80;

/** A time zone change came too soon after the last one (each re-dates every activity). */
export class TimezoneChangeTooSoonError extends Error {
  constructor(readonly retryInMinutes: number) {
    super(
      `Your time zone was changed recently. You can change it again in ${retryInMinutes} minute${retryInMinutes === 1 ? '' : 's'}.`,
    );
    this.name = 'TimezoneChangeTooSoonError';
  }
}

let knownZones: Map<string, string> | undefined;

/**
 * The IANA time zone `name` as it will be stored, or null when Intl does not know it. The name is kept
 * as given, not replaced by Intl's canonical form (Node 20 would turn Asia/Kolkata into Asia/Calcutta);
 * only its letter case is fixed when it matches a listed zone.
 */
function normalizeTimeZone(name: string): string | null {
  // Intl also accepts offsets such as "+05:00" on newer engines; those are not IANA zones.
  if (!/^[A-Za-z]/.test(name)) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return null;
  }
  knownZones ??= new Map(
    Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]),
  );
  return knownZones.get(name.toLowerCase()) ?? name;
}

const timeZone = z
  .string()
  .trim()
  .refine((name) => normalizeTimeZone(name) !== null, {
    error: 'Unknown time zone: expected an IANA name such as Europe/Berlin',
  })
  .transform((name) => normalizeTimeZone(name) ?? name);

function maxAboveResting(value: {
  restingHeartRate?: number | null;
  maxHeartRate?: number | null;
}): boolean {
  const { restingHeartRate: resting, maxHeartRate: max } = value;
  return resting === null || resting === undefined || max === null || max === undefined
    ? true
    : max > resting;
}

const maxAboveRestingIssue = {
  path: ['maxHeartRate'],
  error: 'Maximum heart rate must be above resting heart rate',
};

/** When the athlete can train: which weekdays, and which of them takes the long run. */
interface Availability {
  /** Monday first, each once */
  trainingDays: Weekday[];
  longRunDay: Weekday;
}

const availabilityInput = z
  .strictObject({
    trainingDays: z
      .array(z.enum(WEEKDAYS))
      .min(1, { error: 'Choose at least one training day' })
      // repeats are merged below; a list this long is no week
      .max(WEEKDAYS.length * 2),
    longRunDay: z.enum(WEEKDAYS),
  })
  .refine(({ trainingDays, longRunDay }) => trainingDays.includes(longRunDay), {
    path: ['longRunDay'],
    error: 'The long-run day must be one of your training days',
  })
  .transform(
    ({ trainingDays, longRunDay }): Availability => ({
      trainingDays: TRAINING_WEEK.filter((day) => trainingDays.includes(day)),
      longRunDay,
    }),
  );

/**
 * A settings change: only the fields given change. Heart rates and sex may be null (unknown): internal
 * load then falls back to session RPE. The time zone must be one Intl knows; it is stored as given (see normalizeTimeZone).
 * Availability (what the plan is built around) is the training days, at least one, with the long-run
 * day among them; it changes no load.
 */
export const settingsInput = z
  .strictObject({
    displayName: z.string().trim().min(1).max(DISPLAY_NAME_MAX_CHARS).optional(),
    timezone: timeZone.optional(),
    coachingSpectrum: z
      .number()
      .int()
      .min(COACHING_SPECTRUM_MIN)
      .max(COACHING_SPECTRUM_MAX)
      .optional(),
    riskTolerance: z.enum(RISK_TOLERANCES).optional(),
    units: z.enum(['metric', 'imperial']).optional(),
    restingHeartRate: z
      .number()
      .int()
      .min(RESTING_HEART_RATE.min)
      .max(RESTING_HEART_RATE.max)
      .nullable()
      .optional(),
    maxHeartRate: z
      .number()
      .int()
      .min(MAX_HEART_RATE.min)
      .max(MAX_HEART_RATE.max)
      .nullable()
      .optional(),
    sex: z.enum(['female', 'male']).nullable().optional(),
    /** the days and long-run day together, so the pair is checked as one */
    availability: availabilityInput.optional(),
  })
  .refine(maxAboveResting, maxAboveRestingIssue);
export type SettingsInput = z.input<typeof settingsInput>;

/** The same rule against the stored values, for a change that gives only one of the two. */
const heartRatesAfterChange = z
  .object({ restingHeartRate: z.number().nullable(), maxHeartRate: z.number().nullable() })
  .refine(maxAboveResting, maxAboveRestingIssue);

export interface Settings {
  email: string;
  displayName: string;
  timezone: string;
  coachingSpectrum: number;
  coachingStyle: CoachingStyle;
  riskTolerance: RiskTolerance;
  units: Units;
  restingHeartRate: number | null;
  maxHeartRate: number | null;
  sex: Sex | null;
  /** null until the athlete has said */
  availability: Availability | null;
  updatedAt: string;
}

const settingsSelect = {
  ...profileSelect,
  email: true,
  sex: true,
  trainingDays: true,
  longRunDay: true,
  updatedAt: true,
} as const satisfies Prisma.UserSelect;

type SettingsRow = Prisma.UserGetPayload<{ select: typeof settingsSelect }>;

function settingsView({ trainingDays, longRunDay, ...row }: SettingsRow): Settings {
  return {
    ...row,
    availability:
      longRunDay === null || trainingDays.length === 0 ? null : { trainingDays, longRunDay },
    coachingStyle: coachingStyleFor(row.coachingSpectrum),
    updatedAt: iso(row.updatedAt),
  };
}

export async function getSettings(
  prisma: DbClient,
  userId: number,
  _now: Date = new Date(),
): Promise<Settings> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: settingsSelect });
  if (!row) throw new UnknownAthleteError(userId);
  return settingsView(row);
}

/**
 * Changes the athlete's settings, atomically with what depends on them: a new time zone re-dates
 * every activity to its local date there, new heart-rate settings (or sex) recompute every activity's
 * internal load, and either rebuilds the daily metrics up to today. Throws a ZodError for invalid input.
 * That work is done only when a value really changes, one change of an athlete at a time (row lock),
 * and a new time zone at most once per `timezoneChangeIntervalMs` (else TimezoneChangeTooSoonError,
 * before any work), so a burst of updates costs one rebuild.
 */
export async function updateSettings(
  prisma: DbClient,
  userId: number,
  input: SettingsInput,
  now: Date = new Date(),
  timezoneChangeIntervalMs = 0,
): Promise<Settings> {
  const { availability, ...changes } = settingsInput.parse(input);
  return atomically(prisma, async (tx) => {
    // Concurrent changes of one athlete's settings apply one after the other.
    await lockAthlete(tx, userId);
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        timezone: true,
        timezoneChangedAt: true,
        restingHeartRate: true,
        maxHeartRate: true,
        sex: true,
      },
    });
    const timezoneChanged = changes.timezone !== undefined && changes.timezone !== before.timezone;
    if (timezoneChanged && before.timezoneChangedAt) {
      const waitMs = before.timezoneChangedAt.getTime() + timezoneChangeIntervalMs - now.getTime();
      if (waitMs > 0) throw new TimezoneChangeTooSoonError(Math.ceil(waitMs / 60_000));
    }

    const heartRates = heartRatesAfterChange.parse({
      restingHeartRate:
        changes.restingHeartRate === undefined ? before.restingHeartRate : changes.restingHeartRate,
      maxHeartRate: changes.maxHeartRate === undefined ? before.maxHeartRate : changes.maxHeartRate,
    });
    const after = await tx.user.update({
      where: { id: userId },
      data: {
        ...changes,
        ...availability,
        ...(timezoneChanged ? { timezoneChangedAt: now } : {}),
      },
      select: settingsSelect,
    });

    const profileChanged =
      heartRates.restingHeartRate !== before.restingHeartRate ||
      heartRates.maxHeartRate !== before.maxHeartRate ||
      after.sex !== before.sex;
    if (timezoneChanged || profileChanged) {
      await rewriteActivities(tx, userId, {
        timezone: timezoneChanged ? after.timezone : null,
        profile: profileChanged ? { ...heartRates, sex: after.sex } : null,
      });
      await recomputeDailyMetrics(tx, userId, now);
    }
    return settingsView(after);
  });
}

interface Rewrite {
  /** re-date activities to this zone */
  timezone: string | null;
  /** recompute internal loads for this heart-rate profile */
  profile: { restingHeartRate: number | null; maxHeartRate: number | null; sex: Sex | null } | null;
}

/** Updates the local dates and/or internal loads of the athlete's activities that change, in one statement. */
async function rewriteActivities(
  tx: Prisma.TransactionClient,
  userId: number,
  { timezone, profile }: Rewrite,
): Promise<void> {
  const activities = await tx.activity.findMany({
    where: { userId },
    select: {
      id: true,
      startTime: true,
      localDate: true,
      internalLoad: true,
      internalLoadEstimated: true,
      ...storedEffortSelect,
    },
  });
  const ids: number[] = [];
  const dates: string[] = [];
  const loads: number[] = [];
  const estimated: boolean[] = [];
  for (const activity of activities) {
    const stored = fromUtcMidnight(activity.localDate);
    const date = timezone === null ? stored : localDateOf(activity.startTime, timezone);
    const load =
      profile === null
        ? { value: activity.internalLoad, estimated: activity.internalLoadEstimated }
        : internalLoadOfStored(activity, profile);
    if (
      date === stored &&
      load.value === activity.internalLoad &&
      load.estimated === activity.internalLoadEstimated
    ) {
      continue;
    }
    ids.push(activity.id);
    dates.push(date);
    loads.push(load.value);
    estimated.push(load.estimated);
  }
  if (ids.length === 0) return;
  await tx.$executeRaw`
    UPDATE activities AS a
    SET local_date = v.local_date::date, internal_load = v.internal_load,
      internal_load_estimated = v.estimated
    FROM unnest(${ids}::int[], ${dates}::text[], ${loads}::float8[], ${estimated}::boolean[])
      AS v(id, local_date, internal_load, estimated)
    WHERE a.id = v.id AND a.user_id = ${userId}`;
}
