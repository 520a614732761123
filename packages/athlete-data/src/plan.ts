import { type DbClient, type PlannedDay, readPlannedDays } from '@coach/db';
import {
  addDays,
  fromUtcMidnight,
  type LocalDate,
  mondayOf,
  toUtcMidnight,
  type Weekday,
  weekdayOf,
} from '@coach/metrics';
import { loadAthleteProfile } from './athlete';

interface PlannedSession {
  workoutType: string;
  description: string;
  plannedDistanceMeters: number;
  plannedMinutes: number;
}

export interface TodaysWorkout {
  date: LocalDate;
  /** 'recommendation' when the coach made one for today, else 'plan' (this week's program only) */
  source: 'recommendation' | 'plan';
  workoutType: string;
  prescribedWorkout: string;
  rationale: string;
  /** the model's words on top of the recommendation (only with narratives on), else null */
  narrative: string | null;
  /** today's session in the weekly program, if there is one */
  planned: PlannedSession | null;
}

export interface LatestAutopsy {
  date: LocalDate;
  alignmentScore: number;
  prescribedAction: string;
  actualActivities: string;
  analysis: string;
  /** the model's words on top of the score and analysis (only with narratives on), else null */
  narrative: string | null;
}

interface WeekProgramDay extends PlannedSession {
  date: LocalDate;
  weekday: Weekday;
  isToday: boolean;
  /** an activity is stored on that day */
  done: boolean;
}

export interface WeekProgram {
  weekStart: LocalDate;
  stage: 'base' | 'build' | 'peak' | 'taper' | 'recovery';
  focus: string;
  days: WeekProgramDay[];
}

function session(day: PlannedDay): PlannedSession {
  return {
    workoutType: day.workoutType,
    description: day.description,
    plannedDistanceMeters: day.plannedDistanceMeters,
    plannedMinutes: day.plannedMinutes,
  };
}

/**
 * Today's workout: the coach's recommendation for today with today's planned session beside it.
 * Without a recommendation the planned session stands in (source 'plan'); null when neither exists.
 */
export async function getTodaysWorkout(
  prisma: DbClient,
  userId: number,
  now: Date = new Date(),
): Promise<TodaysWorkout | null> {
  const { today } = await loadAthleteProfile(prisma, userId, now);
  const [recommendation, program] = await Promise.all([
    prisma.dailyRecommendation.findUnique({
      where: { userId_date: { userId, date: toUtcMidnight(today) } },
      select: { workoutType: true, prescribedWorkout: true, rationale: true, narrative: true },
    }),
    prisma.weeklyProgram.findUnique({
      where: { userId_weekStart: { userId, weekStart: toUtcMidnight(mondayOf(today)) } },
      select: { days: true },
    }),
  ]);
  const plannedToday = readPlannedDays(program?.days).find((day) => day.date === today);
  const planned = plannedToday ? session(plannedToday) : null;
  if (recommendation) return { date: today, source: 'recommendation', ...recommendation, planned };
  if (!planned) return null;
  return {
    date: today,
    source: 'plan',
    workoutType: planned.workoutType,
    prescribedWorkout: planned.description,
    rationale: 'From your weekly program: no recommendation has been made for today yet.',
    narrative: null,
    planned,
  };
}

/** The latest workout autopsy on or before today; null when there is none. */
export async function getLatestAutopsy(
  prisma: DbClient,
  userId: number,
  now: Date = new Date(),
): Promise<LatestAutopsy | null> {
  const { today } = await loadAthleteProfile(prisma, userId, now);
  const autopsy = await prisma.autopsy.findFirst({
    where: { userId, date: { lte: toUtcMidnight(today) } },
    orderBy: { date: 'desc' },
    select: {
      date: true,
      alignmentScore: true,
      prescribedAction: true,
      actualActivities: true,
      autopsyAnalysis: true,
      narrative: true,
    },
  });
  if (!autopsy) return null;
  return {
    date: fromUtcMidnight(autopsy.date),
    alignmentScore: autopsy.alignmentScore,
    prescribedAction: autopsy.prescribedAction,
    actualActivities: autopsy.actualActivities,
    analysis: autopsy.autopsyAnalysis,
    narrative: autopsy.narrative,
  };
}

/** This week's program (Monday to Sunday, in the athlete's timezone); null when none is stored. */
export async function getWeekProgram(
  prisma: DbClient,
  userId: number,
  now: Date = new Date(),
): Promise<WeekProgram | null> {
  const { today } = await loadAthleteProfile(prisma, userId, now);
  const weekStart = mondayOf(today);
  const [program, activities] = await Promise.all([
    prisma.weeklyProgram.findUnique({
      where: { userId_weekStart: { userId, weekStart: toUtcMidnight(weekStart) } },
      select: { weekStart: true, stage: true, focus: true, days: true },
    }),
    prisma.activity.findMany({
      where: {
        userId,
        localDate: { gte: toUtcMidnight(weekStart), lte: toUtcMidnight(addDays(weekStart, 6)) },
      },
      distinct: ['localDate'],
      select: { localDate: true },
    }),
  ]);
  if (!program) return null;
  const doneDates = new Set(activities.map((activity) => fromUtcMidnight(activity.localDate)));
  return {
    weekStart,
    stage: program.stage,
    focus: program.focus,
    days: readPlannedDays(program.days).map((day) => ({
      date: day.date,
      weekday: weekdayOf(day.date),
      ...session(day),
      isToday: day.date === today,
      done: doneDates.has(day.date),
    })),
  };
}
