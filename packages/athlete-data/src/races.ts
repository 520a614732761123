import { atomically, type DbClient, type Prisma } from '@coach/db';
import {
  daysBetween,
  distanceUnitOf,
  fromUtcMidnight,
  type LocalDate,
  metersFrom,
  RACE_DISTANCE_PRESETS,
  RACE_DISTANCES,
  toUtcMidnight,
} from '@coach/metrics';
import { ZodRealError, z } from 'zod';
import { type AthleteProfile, loadAthleteProfile, localDate, lockAthlete } from './athlete';
import {
  FASTEST_RACE_PACE_SECONDS_PER_KM,
  RACE_DISTANCE_METERS,
  RACE_GOAL_MAX_DAYS_AHEAD,
  RACE_NAME_MAX_CHARS,
  RACE_NOTES_MAX_CHARS,
  RACE_RESULT_EARLIEST,
  RACE_TIME_SECONDS,
} from './bounds';

const RACE_HISTORY_LIMIT = 10;
const RACE_PRIORITIES = ['A', 'B', 'C'] as const;

export interface RaceGoalView {
  id: number;
  name: string;
  raceDate: LocalDate;
  distanceMeters: number;
  targetTimeSeconds: number | null;
  priority: (typeof RACE_PRIORITIES)[number];
  notes: string | null;
  /** days from today to race day (0 on race day) */
  daysToGo: number;
}

export interface RaceResultView {
  id: number;
  name: string;
  raceDate: LocalDate;
  distanceMeters: number;
  finishTimeSeconds: number;
  notes: string | null;
}

/** Another A race is already ahead: one A race at a time, so the athlete chooses which one it is. */
export class SecondARaceError extends Error {
  constructor(readonly existing: { name: string; raceDate: LocalDate }) {
    super(
      `You already have an A race ahead: ${existing.name} on ${existing.raceDate}. Only one race can be your A race: make that one a B or C race first, or make this one a B or C race.`,
    );
    this.name = 'SecondARaceError';
  }
}

/** No race goal or result with that id among the athlete's own. */
export class RaceNotFoundError extends Error {
  constructor(kind: 'goal' | 'result') {
    super(`No such race ${kind}.`);
    this.name = 'RaceNotFoundError';
  }
}

/** A row id: a positive Postgres `integer`, so an id past its range is bad input, not a database error. */
const raceId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const raceTime = z.number().int().min(RACE_TIME_SECONDS.min).max(RACE_TIME_SECONDS.max);

/**
 * A standard distance by name, or a custom one in the athlete's units (km, or miles when they use
 * imperial units), turned into metres by the functions below, which know the athlete's units.
 */
const raceDistance = z.union([z.enum(RACE_DISTANCE_PRESETS), z.number().positive()]);
type RaceDistance = z.infer<typeof raceDistance>;

const raceFields = {
  name: z.string().trim().min(1).max(RACE_NAME_MAX_CHARS),
  raceDate: localDate,
  distance: raceDistance,
  /** empty or null: no notes */
  notes: z.string().trim().max(RACE_NOTES_MAX_CHARS).nullable().optional(),
};

/** A race goal as the athlete writes it. The date must be today or later in the athlete's timezone. */
export const raceGoalInput = z.strictObject({
  ...raceFields,
  targetTimeSeconds: raceTime.nullable().optional(),
  priority: z.enum(RACE_PRIORITIES),
});
export type RaceGoalInput = z.input<typeof raceGoalInput>;
export const raceGoalUpdate = raceGoalInput.extend({ id: raceId });
export type RaceGoalUpdate = z.input<typeof raceGoalUpdate>;

/** A past race's result. The date must be today or earlier in the athlete's timezone. */
export const raceResultInput = z.strictObject({ ...raceFields, finishTimeSeconds: raceTime });
export type RaceResultInput = z.input<typeof raceResultInput>;
export const raceResultUpdate = raceResultInput.extend({ id: raceId });
export type RaceResultUpdate = z.input<typeof raceResultUpdate>;

export const raceIdInput = z.strictObject({ id: raceId });

function distanceMeters(distance: RaceDistance, clock: AthleteProfile): number {
  return typeof distance === 'number'
    ? metersFrom(distance, clock.units)
    : RACE_DISTANCES[distance].meters;
}

type Issue = { path: string; message: string };

/** The date's issue on the athlete's clock: a goal from today on, a result up to today. */
function dateIssue(kind: 'goal' | 'result', raceDate: LocalDate, today: LocalDate): Issue | null {
  const daysAhead = daysBetween(today, raceDate);
  const issue = (message: string) => ({ path: 'raceDate', message });
  if (kind === 'goal' && daysAhead < 0) {
    return issue(
      `A race goal must be today or later (today is ${today}); add a past race as a result`,
    );
  }
  if (kind === 'goal' && daysAhead > RACE_GOAL_MAX_DAYS_AHEAD) {
    return issue(
      `A race goal can be at most ${Math.floor(RACE_GOAL_MAX_DAYS_AHEAD / 366)} years ahead`,
    );
  }
  if (kind === 'result' && daysAhead > 0) {
    return issue(
      `A race result must be today or earlier (today is ${today}); add a future race as a goal`,
    );
  }
  if (kind === 'result' && daysBetween(RACE_RESULT_EARLIEST, raceDate) < 0) {
    return issue(`A race result must be from ${RACE_RESULT_EARLIEST} or later`);
  }
  return null;
}

/**
 * The checks that need the athlete's today and units; returns the race's distance in metres.
 * Throws a ZodError (the kind parse throws, an Error), so these refusals read like the schema's own.
 */
function checkOnTheAthletesClock(
  kind: 'goal' | 'result',
  race: { raceDate: LocalDate; distance: RaceDistance; seconds: number | null },
  clock: AthleteProfile,
): number {
  const issues: Issue[] = [];
  const date = dateIssue(kind, race.raceDate, clock.today);
  if (date) issues.push(date);
  const meters = distanceMeters(race.distance, clock);
  if (meters < RACE_DISTANCE_METERS.min || meters > RACE_DISTANCE_METERS.max) {
    const [min, max] = [RACE_DISTANCE_METERS.min, RACE_DISTANCE_METERS.max].map((m) =>
      Number((m / metersFrom(1, clock.units)).toFixed(1)),
    );
    issues.push({
      path: 'distance',
      message: `A race distance must be between ${min} and ${max} ${distanceUnitOf(clock.units)}`,
    });
  } else if (race.seconds && race.seconds / (meters / 1000) < FASTEST_RACE_PACE_SECONDS_PER_KM) {
    issues.push({
      path: kind === 'goal' ? 'targetTimeSeconds' : 'finishTimeSeconds',
      message: 'That time is faster than any runner has raced that distance',
    });
  }
  if (issues.length > 0) {
    throw new ZodRealError(
      issues.map(({ path, message }) => ({ code: 'custom', path: [path], message, input: race })),
    );
  }
  return meters;
}

const notesValue = (notes: string | null | undefined) => (notes ? notes : null);

const raceGoalSelect = {
  id: true,
  name: true,
  raceDate: true,
  distanceMeters: true,
  targetTimeSeconds: true,
  priority: true,
  notes: true,
} as const satisfies Prisma.RaceGoalSelect;

const raceResultSelect = {
  id: true,
  name: true,
  raceDate: true,
  distanceMeters: true,
  finishTimeSeconds: true,
  notes: true,
} as const satisfies Prisma.RaceResultSelect;

function raceGoalView(
  goal: Prisma.RaceGoalGetPayload<{ select: typeof raceGoalSelect }>,
  today: LocalDate,
): RaceGoalView {
  const raceDate = fromUtcMidnight(goal.raceDate);
  return { ...goal, raceDate, daysToGo: daysBetween(today, raceDate) };
}

function raceResultView(
  result: Prisma.RaceResultGetPayload<{ select: typeof raceResultSelect }>,
): RaceResultView {
  return { ...result, raceDate: fromUtcMidnight(result.raceDate) };
}

/** Race goals from today on (race day included), soonest first. */
export async function getRaceGoals(
  prisma: DbClient,
  userId: number,
  now: Date = new Date(),
): Promise<RaceGoalView[]> {
  const { today } = await loadAthleteProfile(prisma, userId, now);
  return raceGoalsFrom(prisma, userId, today);
}

/** Race goals from `day` on (race day included), soonest first, counted down from `day`. */
export async function raceGoalsFrom(
  prisma: DbClient,
  userId: number,
  day: LocalDate,
): Promise<RaceGoalView[]> {
  const goals = await prisma.raceGoal.findMany({
    where: { userId, raceDate: { gte: toUtcMidnight(day) } },
    orderBy: [{ raceDate: 'asc' }, { id: 'asc' }],
    select: raceGoalSelect,
  });
  return goals.map((goal) => raceGoalView(goal, day));
}

/** The athlete's last ten race results up to today, most recent first. */
export async function getRaceHistory(
  prisma: DbClient,
  userId: number,
  now: Date = new Date(),
): Promise<RaceResultView[]> {
  const { today } = await loadAthleteProfile(prisma, userId, now);
  return raceHistoryUpTo(prisma, userId, today);
}

/** The athlete's last ten race results up to `day` (included), most recent first. */
export async function raceHistoryUpTo(
  prisma: DbClient,
  userId: number,
  day: LocalDate,
): Promise<RaceResultView[]> {
  const results = await prisma.raceResult.findMany({
    where: { userId, raceDate: { lte: toUtcMidnight(day) } },
    orderBy: [{ raceDate: 'desc' }, { id: 'desc' }],
    take: RACE_HISTORY_LIMIT,
    select: raceResultSelect,
  });
  return results.map(raceResultView);
}

/**
 * Writes a race goal (a new one when `id` is undefined), checked on the athlete's clock. One A race
 * ahead at a time: a second one is refused with SecondARaceError (nothing is demoted behind the
 * athlete's back). The athlete's row is locked meanwhile, so two A races sent at once cannot both pass.
 */
function saveRaceGoal(
  prisma: DbClient,
  userId: number,
  id: number | undefined,
  goal: z.output<typeof raceGoalInput>,
  now: Date,
): Promise<RaceGoalView> {
  return atomically(prisma, async (tx) => {
    await lockAthlete(tx, userId);
    const clock = await loadAthleteProfile(tx, userId, now);
    const meters = checkOnTheAthletesClock(
      'goal',
      { ...goal, seconds: goal.targetTimeSeconds ?? null },
      clock,
    );
    if (goal.priority === 'A') {
      const otherA = await tx.raceGoal.findFirst({
        where: {
          userId,
          priority: 'A',
          raceDate: { gte: toUtcMidnight(clock.today) },
          ...(id === undefined ? {} : { id: { not: id } }),
        },
        orderBy: { raceDate: 'asc' },
        select: { name: true, raceDate: true },
      });
      if (otherA) {
        throw new SecondARaceError({ ...otherA, raceDate: fromUtcMidnight(otherA.raceDate) });
      }
    }
    const data = {
      name: goal.name,
      raceDate: toUtcMidnight(goal.raceDate),
      distanceMeters: meters,
      targetTimeSeconds: goal.targetTimeSeconds ?? null,
      priority: goal.priority,
      notes: notesValue(goal.notes),
    };
    if (id === undefined) {
      const created = await tx.raceGoal.create({
        data: { userId, ...data },
        select: raceGoalSelect,
      });
      return raceGoalView(created, clock.today);
    }
    const { count } = await tx.raceGoal.updateMany({ where: { id, userId }, data });
    if (count === 0) throw new RaceNotFoundError('goal');
    const updated = await tx.raceGoal.findUniqueOrThrow({ where: { id }, select: raceGoalSelect });
    return raceGoalView(updated, clock.today);
  });
}

/** Adds a race goal. Throws a ZodError for invalid input, SecondARaceError for a second A race ahead. */
export async function addRaceGoal(
  prisma: DbClient,
  userId: number,
  input: RaceGoalInput,
  now: Date = new Date(),
): Promise<RaceGoalView> {
  return saveRaceGoal(prisma, userId, undefined, raceGoalInput.parse(input), now);
}

/** Replaces every field of one of the athlete's race goals; RaceNotFoundError when it is not theirs. */
export async function updateRaceGoal(
  prisma: DbClient,
  userId: number,
  input: RaceGoalUpdate,
  now: Date = new Date(),
): Promise<RaceGoalView> {
  const { id, ...fields } = raceGoalUpdate.parse(input);
  return saveRaceGoal(prisma, userId, id, fields, now);
}

/** Deletes one of the athlete's race goals; RaceNotFoundError when it is not theirs. */
export async function deleteRaceGoal(
  prisma: DbClient,
  userId: number,
  input: z.input<typeof raceIdInput>,
): Promise<{ id: number }> {
  const { id } = raceIdInput.parse(input);
  const { count } = await prisma.raceGoal.deleteMany({ where: { id, userId } });
  if (count === 0) throw new RaceNotFoundError('goal');
  return { id };
}

async function saveRaceResult(
  prisma: DbClient,
  userId: number,
  id: number | undefined,
  result: z.output<typeof raceResultInput>,
  now: Date,
): Promise<RaceResultView> {
  const clock = await loadAthleteProfile(prisma, userId, now);
  const meters = checkOnTheAthletesClock(
    'result',
    { ...result, seconds: result.finishTimeSeconds },
    clock,
  );
  const data = {
    name: result.name,
    raceDate: toUtcMidnight(result.raceDate),
    distanceMeters: meters,
    finishTimeSeconds: result.finishTimeSeconds,
    notes: notesValue(result.notes),
  };
  if (id === undefined) {
    return raceResultView(
      await prisma.raceResult.create({ data: { userId, ...data }, select: raceResultSelect }),
    );
  }
  return atomically(prisma, async (tx) => {
    const { count } = await tx.raceResult.updateMany({ where: { id, userId }, data });
    if (count === 0) throw new RaceNotFoundError('result');
    return raceResultView(
      await tx.raceResult.findUniqueOrThrow({ where: { id }, select: raceResultSelect }),
    );
  });
}

/** Adds a past race's result. Throws a ZodError for invalid input (a date after today included). */
export async function addRaceResult(
  prisma: DbClient,
  userId: number,
  input: RaceResultInput,
  now: Date = new Date(),
): Promise<RaceResultView> {
  return saveRaceResult(prisma, userId, undefined, raceResultInput.parse(input), now);
}

/** Replaces every field of one of the athlete's race results; RaceNotFoundError when it is not theirs. */
export async function updateRaceResult(
  prisma: DbClient,
  userId: number,
  input: RaceResultUpdate,
  now: Date = new Date(),
): Promise<RaceResultView> {
  const { id, ...fields } = raceResultUpdate.parse(input);
  return saveRaceResult(prisma, userId, id, fields, now);
}

/** Deletes one of the athlete's race results; RaceNotFoundError when it is not theirs. */
export async function deleteRaceResult(
  prisma: DbClient,
  userId: number,
  input: z.input<typeof raceIdInput>,
): Promise<{ id: number }> {
  const { id } = raceIdInput.parse(input);
  const { count } = await prisma.raceResult.deleteMany({ where: { id, userId } });
  if (count === 0) throw new RaceNotFoundError('result');
  return { id };
}
