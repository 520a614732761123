import {
  getSettings,
  listMemories,
  raceGoalsFrom,
  raceHistoryUpTo,
  readAssessedMetrics,
  type Settings,
} from '@coach/athlete-data';
import {
  type AutopsyInput,
  autopsyOf,
  baseDrifted,
  buildPlan,
  type CurrentInjury,
  derivePaces,
  isRunning,
  type JournalDay,
  type PlannedSession,
  type Prescription,
  type RaceGoal,
  type Recommendation,
  recommendToday,
  referenceVolume,
  sessionOn,
  summarizeTraining,
  targetRaceOf,
  type WeekDrift,
  WORKOUT_TYPES,
  weekDrift,
} from '@coach/coaching';
import { type Prisma, type PrismaClient, readPlannedDays } from '@coach/db';
import {
  type AssessedMetrics,
  type Assessment,
  addDays,
  assessTrainingState,
  fromUtcMidnight,
  type LocalDate,
  mondayOf,
  thresholdsFor,
  todayIn,
  toUtcMidnight,
} from '@coach/metrics';

/**
 * Activities read for a run, up to yesterday: the plan's training summary (its six 7-day windows);
 * yesterday's and the autopsies' days (AUTOPSY_DAYS) are within it.
 */
const TRAINING_WINDOW_DAYS = 42;
/** Race goals this far back are still read, so a plan starts with a past A race's recovery weeks. */
const PAST_GOAL_DAYS = 28;
/** Past days whose autopsy each run writes again: a late activity up to two weeks back is scored. */
export const AUTOPSY_DAYS = 14;

/**
 * How the run was asked for: `ensure` makes the day's coaching once (the athlete's first request
 * of the day); `replan` rewrites it, the coming weeks' plan included, because something the plan
 * rests on changed (race goals and results, availability, settings); `refresh` rewrites today's
 * recommendation and the past days' autopsies that changed, and leaves the plan standing (journal,
 * what the athlete told the coach: their effect on the plan is the weekly drift's); `activities`
 * is a `refresh` that also plans the coming weeks again when the training base moved from the one
 * the plan was built on (`baseDrifted`: an import after sign-up, not an ordinary run).
 */
export type CoachingRunMode = 'ensure' | 'replan' | 'refresh' | 'activities';

/** The second key of the coaching runs' advisory lock, one per athlete (the demo's top-up takes -1). */
export const COACHING_LOCK = -2;

export interface CoachingRun {
  date: LocalDate;
  /** false when `ensure` found the day already coached */
  ran: boolean;
  /** whether the coming weeks' programs were written again (see writePlan) */
  replanned: boolean;
  /** last week's actual training against its program, when the week's first run checked it */
  lastWeekDrift: WeekDrift | null;
  recommendation: Recommendation | null;
  /**
   * the alignment scores by date: the past days with a prescription this engine made (each
   * written only when its autopsy is new or changed)
   */
  autopsyScores: Record<LocalDate, number>;
}

/** What daily_recommendations.metrics_snapshot keeps beside the metrics, for the autopsy. */
interface StoredSnapshot {
  prescription?: Prescription;
}

function prescriptionOf(recommendation: Recommendation): Prescription {
  return {
    workoutType: recommendation.workoutType,
    kind: recommendation.kind,
    prescribedWorkout: recommendation.prescribedWorkout,
    distanceMeters: recommendation.distanceMeters,
    minutes: recommendation.minutes,
    pace: recommendation.pace,
    heartRate: recommendation.heartRate,
  };
}

/** The stored prescription, or null for a recommendation made before the engine stored one. */
function storedPrescription(snapshot: Prisma.JsonValue): Prescription | null {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) return null;
  const prescription = (snapshot as StoredSnapshot).prescription;
  if (!prescription || !(WORKOUT_TYPES as readonly string[]).includes(prescription.workoutType)) {
    return null;
  }
  return prescription;
}

/**
 * Runs the coaching engines for one athlete's local day and writes what they make: the weekly
 * programs from this week on (the days already past kept as stored), today's recommendation and
 * the past days' autopsies. In one transaction under a lock per athlete and day, so two instances
 * asked at once run it one after the other, and the second `ensure` finds it done.
 */
export async function runCoachingDay(
  prisma: PrismaClient,
  userId: number,
  mode: CoachingRunMode,
  now: Date = new Date(),
): Promise<CoachingRun> {
  return prisma.$transaction(
    async (tx) => {
      const settings = await getSettings(tx, userId, now);
      const today = todayIn(settings.timezone, now);
      // Two int4 keys, another key space than the migrator's single key. One lock per athlete, not
      // per day: a catch-up's older day must see whether a newer day was coached (see writePlan).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${userId}::int4, ${COACHING_LOCK}::int4)`;
      if (mode === 'ensure') {
        const done = await tx.dailyRecommendation.findUnique({
          where: { userId_date: { userId, date: toUtcMidnight(today) } },
          select: { id: true },
        });
        if (done) {
          return {
            date: today,
            ran: false,
            replanned: false,
            lastWeekDrift: null,
            recommendation: null,
            autopsyScores: {},
          };
        }
      }
      const recent = await activitiesBetween(
        tx,
        userId,
        addDays(today, -TRAINING_WINDOW_DAYS),
        addDays(today, -1),
      );
      const plan = await writePlan(tx, userId, settings, today, now, mode, recent);
      const recommendation = await writeRecommendation(tx, userId, settings, plan, today, recent);
      const autopsyScores = await writeAutopsies(tx, userId, settings, today, recent);
      return {
        date: today,
        ran: true,
        replanned: plan.replanned,
        lastWeekDrift: plan.lastWeekDrift,
        recommendation,
        autopsyScores,
      };
    },
    { timeout: 60_000 },
  );
}

type RecentActivity = Awaited<ReturnType<typeof activitiesBetween>>[number];

/** Oldest first; local dates. */
async function activitiesBetween(
  tx: Prisma.TransactionClient,
  userId: number,
  from: LocalDate,
  to: LocalDate,
) {
  const rows = await tx.activity.findMany({
    where: { userId, localDate: { gte: toUtcMidnight(from), lte: toUtcMidnight(to) } },
    orderBy: [{ localDate: 'asc' }, { startTime: 'asc' }],
    select: {
      localDate: true,
      type: true,
      distanceMeters: true,
      movingTimeSeconds: true,
      averageHeartRate: true,
    },
  });
  return rows.map((row) => ({ ...row, localDate: fromUtcMidnight(row.localDate) }));
}

async function planInputs(
  tx: Prisma.TransactionClient,
  userId: number,
  settings: Settings,
  today: LocalDate,
  now: Date,
  activities: readonly RecentActivity[],
) {
  const pastGoalsClock = new Date(now.getTime() - PAST_GOAL_DAYS * 86_400_000);
  // One after the other: a transaction is one connection.
  // The goals from the athlete's day four weeks ago on, so past A races are included.
  const goals = await raceGoalsFrom(tx, userId, todayIn(settings.timezone, pastGoalsClock));
  const results = await raceHistoryUpTo(tx, userId, today);
  const raceGoals: RaceGoal[] = goals.map((goal) => ({
    name: goal.name,
    date: goal.raceDate,
    distanceMeters: goal.distanceMeters,
    targetTimeSeconds: goal.targetTimeSeconds,
    priority: goal.priority,
  }));
  const target = targetRaceOf(raceGoals, today);
  const paces = derivePaces({
    today,
    raceResults: results.map((result) => ({
      date: result.raceDate,
      distanceMeters: result.distanceMeters,
      finishTimeSeconds: result.finishTimeSeconds,
    })),
    goal: target,
    restingHeartRate: settings.restingHeartRate,
    maxHeartRate: settings.maxHeartRate,
  });
  return { training: summarizeTraining(activities, today), raceGoals, paces };
}

/** The plan a day's recommendation starts from: its sessions by date and the athlete's paces. */
interface DayPlan {
  sessionOn(date: LocalDate): PlannedSession | null;
  paces: ReturnType<typeof derivePaces>;
  replanned: boolean;
  lastWeekDrift: WeekDrift | null;
}

/** A stored program's days as the plan wrote them; a day that does not read as a session is left out. */
function storedSessions(days: Prisma.JsonValue | undefined): PlannedSession[] {
  return (Array.isArray(days) ? days : []).flatMap((day) => {
    if (typeof day !== 'object' || day === null) return [];
    const session = day as Partial<PlannedSession>;
    return typeof session.date === 'string' &&
      typeof session.kind === 'string' &&
      (WORKOUT_TYPES as readonly string[]).includes(session.workoutType ?? '')
      ? [session as PlannedSession]
      : [];
  });
}

/**
 * The weekly programs, from this week on. They are planned again (written from `buildPlan`) on a
 * `replan` (a race goal, availability or settings changed), when no stored program has today, on
 * the week's first run when last week drifted from its program (`weekDrift`: missed plus extra
 * sessions, or distance, beyond the rule in @coach/coaching's README), and after a change of
 * `activities` that moved the training base from the one this week's program was built on
 * (`baseDrifted`). Otherwise the stored weeks stand, and the day's session is the stored one.
 * When planned again, the days before today stay as stored; later weeks a former plan wrote and
 * this one does not have are deleted. A day older than one already coached (a catch-up that
 * reaches it after the athlete's request made today) writes only the days before that newer one:
 * from there on the plan is the newer day's view, and stays; a `replan` writes them all.
 */
async function writePlan(
  tx: Prisma.TransactionClient,
  userId: number,
  settings: Settings,
  today: LocalDate,
  now: Date,
  mode: CoachingRunMode,
  recent: readonly RecentActivity[],
): Promise<DayPlan> {
  const { training, raceGoals, paces } = await planInputs(tx, userId, settings, today, now, recent);
  const thisWeek = mondayOf(today);
  const lastWeek = addDays(thisWeek, -7);
  const programs = await tx.weeklyProgram.findMany({
    where: { userId, weekStart: { gte: toUtcMidnight(lastWeek) } },
    select: { weekStart: true, stage: true, focus: true, days: true, trainingBaseKm: true },
  });
  const storedWeek = (monday: LocalDate) =>
    programs.find((p) => fromUtcMidnight(p.weekStart) === monday);
  const storedThisWeek = storedWeek(thisWeek);
  const storedLastWeek = storedWeek(lastWeek);
  // Today's own recommendation counts: a `refresh` later in the day is not the week's first run.
  const firstRunOfWeek =
    (await tx.dailyRecommendation.count({
      where: { userId, date: { gte: toUtcMidnight(thisWeek), lte: toUtcMidnight(today) } },
    })) === 0;
  const lastWeekDrift =
    firstRunOfWeek && storedLastWeek
      ? weekDrift(
          readPlannedDays(storedLastWeek.days),
          recent.filter((a) => a.localDate >= lastWeek && a.localDate < thisWeek),
        )
      : null;
  // A stored week holds every day from the day its plan was written; an older day of a catch-up
  // that reaches it after a newer day was coached finds no session for itself there.
  const plannedToday = storedSessions(storedThisWeek?.days).some((day) => day.date === today);
  const baseMoved =
    mode === 'activities' &&
    baseDrifted(storedThisWeek?.trainingBaseKm ?? null, referenceVolume(training));
  const replanned =
    mode === 'replan' || !plannedToday || (lastWeekDrift?.drifted ?? false) || baseMoved;

  if (!replanned) {
    const stored = new Map(
      programs.flatMap((program) =>
        storedSessions(program.days).map((session) => [session.date, session] as const),
      ),
    );
    return {
      sessionOn: (date) => stored.get(date) ?? null,
      paces,
      replanned,
      lastWeekDrift,
    };
  }

  const plan = buildPlan({
    today,
    raceGoals,
    training,
    paces,
    units: settings.units,
    ...(settings.availability ? { availability: settings.availability } : {}),
  });
  // A `replan` is a change made now: its view is the newest, even when a time zone moved west
  // left a later day coached.
  const newer =
    mode === 'replan'
      ? null
      : await tx.dailyRecommendation.findFirst({
          where: { userId, date: { gt: toUtcMidnight(today) } },
          orderBy: { date: 'asc' },
          select: { date: true },
        });
  const newerDay = newer ? fromUtcMidnight(newer.date) : null;
  const ours = (date: LocalDate) => date >= today && (newerDay === null || date < newerDay);
  // Weeks a former plan wrote past this one's end (a race goal removed) are not the plan any more.
  await tx.weeklyProgram.deleteMany({
    where: {
      userId,
      weekStart: {
        gt: toUtcMidnight(thisWeek),
        ...(newerDay ? { lt: toUtcMidnight(mondayOf(newerDay)) } : {}),
      },
      NOT: { weekStart: { in: plan.weeks.map((week) => toUtcMidnight(week.weekStart)) } },
    },
  });
  const written: WrittenWeek[] = [];
  for (const week of plan.weeks) {
    const planned = week.days.filter((day) => ours(day.date));
    if (planned.length === 0) continue;
    const stored = storedWeek(week.weekStart);
    // Kept whole, as the plan wrote them (readPlannedDays would drop the session's kind and paces).
    const kept = storedSessions(stored?.days).filter((day) => !ours(day.date));
    const days = [...kept, ...planned].sort((a, b) => a.date.localeCompare(b.date));
    // A week the newer day planned keeps its phase, focus and base; only its earlier days are written.
    const newerWeek = stored && newerDay !== null && mondayOf(newerDay) <= week.weekStart;
    written.push(
      newerWeek
        ? {
            weekStart: week.weekStart,
            stage: stored.stage,
            focus: stored.focus,
            days,
            trainingBaseKm: stored.trainingBaseKm,
          }
        : {
            weekStart: week.weekStart,
            stage: week.stage,
            focus: week.focus,
            days,
            trainingBaseKm: plan.startingKm,
          },
    );
  }
  await writeWeeks(tx, userId, written);
  const storedPast = new Map(
    storedSessions(storedThisWeek?.days)
      .filter((session) => session.date < today)
      .map((session) => [session.date, session] as const),
  );
  return {
    sessionOn: (date) => storedPast.get(date) ?? sessionOn(plan, date),
    paces,
    replanned,
    lastWeekDrift,
  };
}

interface WrittenWeek {
  weekStart: LocalDate;
  stage: string;
  focus: string;
  days: unknown[];
  trainingBaseKm: number | null;
}

/**
 * Writes the plan's weeks in one statement, their days as one JSON text: an upsert per week made
 * Prisma walk every value of each week's days (a few KiB) to serialize it, on the main thread, for
 * each athlete's first request of the day.
 */
async function writeWeeks(
  tx: Prisma.TransactionClient,
  userId: number,
  weeks: readonly WrittenWeek[],
): Promise<void> {
  if (weeks.length === 0) return;
  await tx.$executeRaw`
    insert into weekly_programs (user_id, week_start, stage, focus, days, training_base_km)
    select ${userId}, w."weekStart", w."stage"::"TrainingStage", w."focus", w."days", w."trainingBaseKm"
    from jsonb_to_recordset(${JSON.stringify(weeks)}::jsonb) as w("weekStart" date, "stage" text,
      "focus" text, "days" jsonb, "trainingBaseKm" float8)
    on conflict (user_id, week_start) do update set stage = excluded.stage,
      focus = excluded.focus, days = excluded.days, training_base_km = excluded.training_base_km`;
}

/**
 * A narrative goes with the words it was written on: kept while the engine's words stand as they
 * were, dropped (until the model writes one on the new words) when a rerun changes them.
 */
function narrativeOf<Words extends object>(
  before: Words | null,
  after: Words,
): { narrative?: null } {
  return !before || sameWords(before, after) ? {} : { narrative: null };
}

/** Whether the engine's words are those already stored. */
function sameWords<Words extends object>(before: Words | null, after: Words): boolean {
  return (
    before !== null &&
    (Object.keys(after) as (keyof Words)[]).every((key) => before[key] === after[key])
  );
}

/** Yesterday's and today's journal entries, oldest first. */
async function journalDays(
  tx: Prisma.TransactionClient,
  userId: number,
  today: LocalDate,
): Promise<JournalDay[]> {
  const entries = await tx.journalEntry.findMany({
    where: {
      userId,
      entryDate: { gte: toUtcMidnight(addDays(today, -1)), lte: toUtcMidnight(today) },
    },
    orderBy: { entryDate: 'asc' },
    select: { entryDate: true, energyLevel: true, painPercentage: true },
  });
  return entries.map((entry) => ({
    date: fromUtcMidnight(entry.entryDate),
    energyLevel: entry.energyLevel,
    painPercentage: entry.painPercentage,
  }));
}

async function writeRecommendation(
  tx: Prisma.TransactionClient,
  userId: number,
  settings: Settings,
  plan: DayPlan,
  today: LocalDate,
  recent: readonly RecentActivity[],
): Promise<Recommendation> {
  const yesterday = addDays(today, -1);
  const thresholds = thresholdsFor(settings.riskTolerance);
  // The metrics of yesterday, the last complete day: today's row counts the unfinished day as rest.
  const current = await readAssessedMetrics(tx, userId, yesterday, thresholds, today);
  const journal = await journalDays(tx, userId, today);
  const ranYesterday = recent.filter((activity) => activity.localDate === yesterday);
  // Only injuries the athlete has not marked resolved weigh on the day.
  const injuries: CurrentInjury[] = (await listMemories(tx, userId))
    .filter((item) => item.kind === 'injury' && item.current)
    .map((item) => ({ text: item.text, since: item.since }));
  const metrics: AssessedMetrics = current
    ? {
        date: fromUtcMidnight(current.row.date),
        externalAcwr: current.row.externalAcwr,
        internalAcwr: current.row.internalAcwr,
        normalizedDivergence: current.row.normalizedDivergence,
        daysSinceRest: current.row.daysSinceRest,
      }
    : {
        date: yesterday,
        externalAcwr: null,
        internalAcwr: null,
        normalizedDivergence: null,
        daysSinceRest: 0,
      };
  const assessment: Assessment =
    current?.assessment ?? assessTrainingState({ today: metrics, thresholds, recentPain: journal });
  const recommendation = recommendToday({
    date: today,
    planned: plan.sessionOn(today),
    metrics,
    assessment,
    thresholds,
    journal,
    lastDays: [
      {
        date: yesterday,
        plannedKind: plan.sessionOn(yesterday)?.kind ?? null,
        distanceKm: ranYesterday
          .filter((activity) => isRunning(activity.type))
          .reduce((km, activity) => km + activity.distanceMeters / 1000, 0),
      },
    ],
    paces: plan.paces,
    units: settings.units,
    injuries,
  });
  const words = {
    workoutType: recommendation.workoutType,
    prescribedWorkout: recommendation.prescribedWorkout,
    rationale: recommendation.rationale,
  };
  const before = await tx.dailyRecommendation.findUnique({
    where: { userId_date: { userId, date: toUtcMidnight(today) } },
    select: { workoutType: true, prescribedWorkout: true, rationale: true },
  });
  const data = {
    ...words,
    metricsSnapshot: JSON.parse(
      JSON.stringify({
        ...recommendation.metricsSnapshot,
        prescription: prescriptionOf(recommendation),
      }),
    ) as Prisma.InputJsonValue,
  };
  await tx.dailyRecommendation.upsert({
    where: { userId_date: { userId, date: toUtcMidnight(today) } },
    create: { userId, date: toUtcMidnight(today), ...data },
    update: { ...data, ...narrativeOf(before, words) },
  });
  return recommendation;
}

/**
 * Scores the past days of the last AUTOPSY_DAYS against their stored prescriptions, on every run,
 * and writes those whose autopsy is new or changed: yesterday once it is over, days the athlete did
 * not come back on, and a day a late activity arrived for (rewritten). The others' rows stay as
 * they are (a journal entry or one late run rewrites no other day's).
 */
async function writeAutopsies(
  tx: Prisma.TransactionClient,
  userId: number,
  settings: Settings,
  today: LocalDate,
  recent: readonly RecentActivity[],
): Promise<Record<LocalDate, number>> {
  const from = addDays(today, -AUTOPSY_DAYS);
  const yesterday = addDays(today, -1);
  const recommendations = await tx.dailyRecommendation.findMany({
    where: { userId, date: { gte: toUtcMidnight(from), lte: toUtcMidnight(yesterday) } },
    select: { date: true, metricsSnapshot: true },
  });
  const activities = recent.filter((activity) => activity.localDate >= from);
  const written = new Map(
    (
      await tx.autopsy.findMany({
        where: { userId, date: { gte: toUtcMidnight(from), lte: toUtcMidnight(yesterday) } },
        select: {
          date: true,
          prescribedAction: true,
          actualActivities: true,
          alignmentScore: true,
          autopsyAnalysis: true,
        },
      })
    ).map(({ date, ...words }) => [fromUtcMidnight(date), words]),
  );
  const scores: Record<LocalDate, number> = {};
  for (const recommendation of recommendations) {
    const prescription = storedPrescription(recommendation.metricsSnapshot);
    if (!prescription) continue;
    const date = fromUtcMidnight(recommendation.date);
    const input: AutopsyInput = {
      date,
      prescription,
      activities: activities.filter((activity) => activity.localDate === date),
      units: settings.units,
    };
    const autopsy = autopsyOf(input);
    const data = {
      prescribedAction: autopsy.prescribedAction,
      actualActivities: autopsy.actualActivities,
      alignmentScore: autopsy.alignmentScore,
      autopsyAnalysis: autopsy.autopsyAnalysis,
    };
    scores[date] = autopsy.alignmentScore;
    if (sameWords(written.get(date) ?? null, data)) continue;
    // A stored row reaching here has other words: its narrative went with them.
    await tx.autopsy.upsert({
      where: { userId_date: { userId, date: recommendation.date } },
      create: { userId, date: recommendation.date, ...data },
      update: { ...data, narrative: null },
    });
  }
  return scores;
}
