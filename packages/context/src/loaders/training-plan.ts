import type { AthleteProfile } from '@coach/athlete-data';
import { type Activity, type PlannedDay, type RaceGoal, readPlannedDays } from '@coach/db';
import {
  addDays,
  dayAndMonth,
  daysBetween,
  formatActualDistance,
  formatDuration,
  formatPlanDistance,
  formatRaceDistance,
  fromUtcMidnight,
  type LocalDate,
  mondayOf,
  toUtcMidnight,
  type Units,
  weekdayOf,
} from '@coach/metrics';
import { listSection, noData, section, type UniverseLoad, type LoaderDeps } from '../sections';

/** "tempo, 10 km, 48 min", or "rest": a planned session and its size. */
function plannedSize(day: PlannedDay, units: Units): string {
  return day.plannedDistanceMeters > 0
    ? `${day.workoutType}, ${formatPlanDistance(day.plannedDistanceMeters / 1000, units)}, ${day.plannedMinutes} min`
    : day.workoutType;
}

/**
 * A planned day on one line (a line costs far fewer tokens than a block of labelled fields):
 * "Thursday 2026-11-26 (today): tempo, 10 km, 48 min. 10 km with Tempo 3×3 km at 4:30–4:40/km",
 * or without its description.
 */
export function plannedDayView(
  day: PlannedDay,
  units: Units,
  today: LocalDate,
  described = true,
): string {
  const when = `${weekdayOf(day.date)} ${day.date}${day.date === today ? ' (today)' : ''}`;
  return `${when}: ${plannedSize(day, units)}${described ? `. ${day.description}` : ''}`;
}

/**
 * A race goal as every universe shows it, on one line: "Canyon Country Marathon on 2026-12-20
 * (A race): Marathon, target 3:25:00, in 3 weeks and 3 days".
 */
export function raceGoalView(goal: RaceGoal, athlete: AthleteProfile): string {
  const date = fromUtcMidnight(goal.raceDate);
  const countdown = weeksUntil(athlete.today, date);
  const target =
    goal.targetTimeSeconds === null ? '' : `, target ${formatDuration(goal.targetTimeSeconds)}`;
  return `${goal.name} on ${date} (${goal.priority} race): ${formatRaceDistance(goal.distanceMeters, athlete.units)}${target}, ${countdown === 'today' ? 'today' : `in ${countdown}`}`;
}

/** "Spring Marathon · 18 Apr": a race goal as a fact's label. */
export function raceGoalLabel(goal: RaceGoal): string {
  return `${goal.name} · ${dayAndMonth(fromUtcMidnight(goal.raceDate))}`;
}

/** How many of the latest race results the plan shows: the recent ones say most of the athlete's form. */
const RACE_RESULTS = 3;

/** How many past days the plan compares with what was done. */
const PLANNED_VS_DONE_DAYS = 7;

/** What was logged on a day: "run 9.8 km in 52:10", or "nothing logged". */
function doneOn(date: LocalDate, activities: readonly Activity[], units: Units): string {
  const done = activities.filter((a) => fromUtcMidnight(a.localDate) === date);
  return done.length > 0
    ? done
        .map(
          (a) =>
            `${a.type} ${formatActualDistance(a.distanceMeters, units)} in ${formatDuration(a.movingTimeSeconds)}`,
        )
        .join(' + ')
    : 'nothing logged';
}

/**
 * The last days from `from` on, oldest first, each as one line: the planned session beside what
 * was logged that day ("Tuesday 2026-11-24: planned tempo, 10 km, 55 min; done: run 9.8 km in
 * 52:10"). The days of this week that are past are in the week's own lines instead.
 */
function plannedVsDone(
  days: readonly PlannedDay[],
  activities: readonly Activity[],
  athlete: AthleteProfile,
  until: LocalDate,
): string[] {
  const lines: string[] = [];
  for (let i = PLANNED_VS_DONE_DAYS; i > 0; i -= 1) {
    const date = addDays(athlete.today, -i);
    if (date >= until) break;
    const planned = days.find((day) => day.date === date);
    const plan = planned ? plannedSize(planned, athlete.units) : 'nothing';
    lines.push(
      `${weekdayOf(date)} ${date}: planned ${plan}; done: ${doneOn(date, activities, athlete.units)}`,
    );
  }
  return lines;
}

/** This week's program, the race goals ahead, past results and where the athlete is in the cycle. */
export async function loadTrainingPlanContext(
  { prisma }: LoaderDeps,
  athlete: AthleteProfile,
): Promise<UniverseLoad> {
  const weekStart = mondayOf(athlete.today);
  const firstPastDay = addDays(athlete.today, -PLANNED_VS_DONE_DAYS);
  const weekStarts = [mondayOf(firstPastDay), weekStart, addDays(weekStart, 7)];
  const [programs, goals, results, pastActivities] = await Promise.all([
    prisma.weeklyProgram.findMany({
      where: { userId: athlete.id, weekStart: { in: weekStarts.map(toUtcMidnight) } },
      orderBy: { weekStart: 'asc' },
    }),
    prisma.raceGoal.findMany({
      where: { userId: athlete.id, raceDate: { gte: toUtcMidnight(athlete.today) } },
      orderBy: { raceDate: 'asc' },
    }),
    prisma.raceResult.findMany({
      where: { userId: athlete.id },
      orderBy: { raceDate: 'desc' },
      take: RACE_RESULTS,
    }),
    prisma.activity.findMany({
      where: {
        userId: athlete.id,
        localDate: { gte: toUtcMidnight(firstPastDay), lt: toUtcMidnight(athlete.today) },
      },
      orderBy: { startTime: 'asc' },
    }),
  ]);
  if (programs.length === 0 && goals.length === 0) {
    return noData(
      'No training plan yet: no weekly program and no race goals. Add a race goal to get a plan.',
    );
  }

  const [thisWeek, nextWeek] = [weekStart, addDays(weekStart, 7)].map((start) =>
    programs.find((p) => fromUtcMidnight(p.weekStart) === start),
  );
  const weekView = (program: NonNullable<typeof thisWeek>) => ({
    weekStarting: fromUtcMidnight(program.weekStart),
    stage: program.stage,
    focus: program.focus,
    // A past day says what was done beside what was planned (once, rather than again below).
    days: readPlannedDays(program.days).map((day) =>
      day.date < athlete.today
        ? `${weekdayOf(day.date)} ${day.date}: planned ${plannedSize(day, athlete.units)}. ${day.description}; done: ${doneOn(day.date, pastActivities, athlete.units)}`
        : plannedDayView(day, athlete.units, athlete.today),
    ),
  });
  // Next week in outline, each day's session and size: its paces and heart rates are this week's.
  const outlineView = (program: NonNullable<typeof thisWeek>) => ({
    ...weekView(program),
    days: readPlannedDays(program.days).map(
      (day) => `${weekdayOf(day.date)} ${day.date}: ${plannedSize(day, athlete.units)}`,
    ),
  });

  return {
    status: 'ok',
    sections: [
      section(
        'trainingStage',
        thisWeek?.stage ?? 'unknown',
        1,
        `Stage: ${thisWeek?.stage ?? 'unknown'}`,
      ),
      section(
        'thisWeek',
        thisWeek ? weekView(thisWeek) : 'No program for this week',
        1,
        "This week's plan",
      ),
      listSection(
        'raceGoals',
        goals.map((g) => raceGoalView(g, athlete)),
        1,
        1,
        goals.map(raceGoalLabel),
      ),
      section(
        'plannedVsDone',
        plannedVsDone(
          programs.flatMap((p) => readPlannedDays(p.days)),
          pastActivities,
          athlete,
          thisWeek ? weekStart : athlete.today,
        ),
        1,
        thisWeek
          ? 'Planned vs done, last week'
          : `Planned vs done, last ${PLANNED_VS_DONE_DAYS} days`,
      ),
      section(
        'nextWeek',
        nextWeek ? outlineView(nextWeek) : 'Not planned yet',
        2,
        "Next week's plan",
      ),
      listSection(
        'raceHistory',
        results.map(
          (r) =>
            `${r.name}, ${fromUtcMidnight(r.raceDate)}, ${formatRaceDistance(r.distanceMeters, athlete.units)}: finished in ${formatDuration(r.finishTimeSeconds)}`,
        ),
        3,
        1,
        results.map(
          (r) =>
            `${r.name} ${dayAndMonth(fromUtcMidnight(r.raceDate))}: ${formatDuration(r.finishTimeSeconds)}`,
        ),
      ),
    ],
  };
}

function weeksUntil(today: LocalDate, date: LocalDate): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  const parts = [
    weeks > 0 ? `${weeks} week${weeks === 1 ? '' : 's'}` : '',
    rest > 0 ? `${rest} day${rest === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(' and ');
}
