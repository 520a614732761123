import { type PlannedDay, readPlannedDays } from '@coach/db';
import {
  addDays,
  daysBetween,
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
import type { Athlete, LoaderDeps } from '../athlete';
import { listSection, noData, section, type UniverseLoad } from '../sections';

export function plannedDayView(day: PlannedDay, units: Units, today: LocalDate) {
  return {
    day: `${weekdayOf(day.date)} ${day.date}${day.date === today ? ' (today)' : ''}`,
    session: day.workoutType,
    description: day.description,
    planned:
      day.plannedDistanceMeters > 0
        ? `${formatPlanDistance(day.plannedDistanceMeters / 1000, units)}, ${day.plannedMinutes} min`
        : 'rest',
  };
}

/** This week's program, the race goals ahead, past results and where the athlete is in the cycle. */
export async function loadTrainingPlanContext(
  { prisma }: LoaderDeps,
  athlete: Athlete,
): Promise<UniverseLoad> {
  const weekStart = mondayOf(athlete.today);
  const [programs, goals, results] = await Promise.all([
    prisma.weeklyProgram.findMany({
      where: {
        userId: athlete.id,
        weekStart: { in: [toUtcMidnight(weekStart), toUtcMidnight(addDays(weekStart, 7))] },
      },
      orderBy: { weekStart: 'asc' },
    }),
    prisma.raceGoal.findMany({
      where: { userId: athlete.id, raceDate: { gte: toUtcMidnight(athlete.today) } },
      orderBy: { raceDate: 'asc' },
    }),
    prisma.raceResult.findMany({
      where: { userId: athlete.id },
      orderBy: { raceDate: 'desc' },
      take: 5,
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
  const aRace = goals.find((g) => g.priority === 'A');
  const weekView = (program: NonNullable<typeof thisWeek>) => ({
    weekStarting: fromUtcMidnight(program.weekStart),
    stage: program.stage,
    focus: program.focus,
    days: readPlannedDays(program.days).map((day) =>
      plannedDayView(day, athlete.units, athlete.today),
    ),
  });

  return {
    status: 'ok',
    sections: [
      section(
        'trainingStage',
        {
          stage: thisWeek?.stage ?? 'unknown',
          aRace: aRace
            ? `${aRace.name} on ${fromUtcMidnight(aRace.raceDate)}, in ${weeksUntil(athlete.today, fromUtcMidnight(aRace.raceDate))}`
            : 'no A race set',
        },
        1,
      ),
      section('thisWeek', thisWeek ? weekView(thisWeek) : 'No program for this week', 1),
      listSection(
        'raceGoals',
        goals.map((g) => ({
          race: g.name,
          date: fromUtcMidnight(g.raceDate),
          priority: g.priority,
          distance: formatRaceDistance(g.distanceMeters, athlete.units),
          targetTime: g.targetTimeSeconds === null ? null : formatDuration(g.targetTimeSeconds),
          countdown: weeksUntil(athlete.today, fromUtcMidnight(g.raceDate)),
        })),
        1,
      ),
      section('nextWeek', nextWeek ? weekView(nextWeek) : 'Not planned yet', 2),
      listSection(
        'raceHistory',
        results.map((r) => ({
          race: r.name,
          date: fromUtcMidnight(r.raceDate),
          distance: formatRaceDistance(r.distanceMeters, athlete.units),
          finishTime: formatDuration(r.finishTimeSeconds),
        })),
        3,
      ),
    ],
  };
}

export function weeksUntil(today: LocalDate, date: LocalDate): string {
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
