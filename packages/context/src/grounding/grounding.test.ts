import {
  getAcwrSeries,
  getCurrentMetrics,
  getJournalEntry,
  getLatestAutopsy,
  getRaceGoals,
  getRaceHistory,
  getTodaysWorkout,
  getWeekProgram,
  LOAD_DECIMALS,
  listActivities,
} from '@coach/athlete-data';
import { catchUpCoaching } from '@coach/coaching-runs';
import type { Database, PrismaClient } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import {
  addDays,
  distanceUnitOf,
  formatActualDistance,
  formatDuration,
  formatRaceDistance,
  fromUtcMidnight,
  type LocalDate,
  roundTo,
  todayIn,
  toUtcMidnight,
  type Units,
  weekdayOf,
} from '@coach/metrics';
import { buildSystemPrompt, canonicalNumber, numbersIn, UNIVERSES } from '@coach/prompts';
import { generateAthleteHistory, writeAthlete } from '@coach/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextManager } from '../context-manager';
import { GROUNDING_QUESTIONS, type GroundingFact } from './questions';

const NOW = new Date('2026-11-25T17:00:00Z');

/** Checks one fact against a prompt: null when it is there, else what is missing. */
type Check = (prompt: string) => string | null;

const text =
  (expected: string): Check =>
  (prompt) =>
    prompt.includes(expected) ? null : `"${expected}" missing`;

/** The number as the page rounds it, as a number of its own (1.1 is not found in 1.15). */
const number =
  (label: string, value: number | null | undefined): Check =>
  (prompt) => {
    if (value === null || value === undefined) return `${label}: the page shows no value`;
    return numbersIn(prompt).includes(canonicalNumber(value))
      ? null
      : `${label} ${value} missing (at the page's precision)`;
  };

const nothing =
  (what: string): Check =>
  () =>
    `${what}: the page shows nothing to check`;

/** Every fact of the question set, read as the page reads and formats it. */
async function pageFacts(
  prisma: PrismaClient,
  userId: number,
  units: Units,
  today: LocalDate,
): Promise<Record<GroundingFact, Check[]>> {
  const [current, workout, autopsy, week, goals, history, activities] = await Promise.all([
    getCurrentMetrics(prisma, userId, NOW),
    getTodaysWorkout(prisma, userId, NOW),
    getLatestAutopsy(prisma, userId, NOW),
    getWeekProgram(prisma, userId, NOW),
    getRaceGoals(prisma, userId, NOW),
    getRaceHistory(prisma, userId, NOW),
    listActivities(prisma, userId, { limit: 50 }),
  ]);
  const [autopsyJournal, series, pains, latestJournal, alignments, runs28] = await Promise.all([
    autopsy ? getJournalEntry(prisma, userId, autopsy.date, NOW) : null,
    getAcwrSeries(prisma, userId, 30, NOW),
    prisma.journalEntry.findMany({
      where: {
        userId,
        entryDate: { gte: toUtcMidnight(addDays(today, -6)) },
        painPercentage: { gt: 0 },
      },
    }),
    prisma.journalEntry.findFirst({
      where: { userId, entryDate: { gte: toUtcMidnight(addDays(today, -6)) } },
      orderBy: { entryDate: 'desc' },
    }),
    prisma.autopsy.findMany({ where: { userId }, orderBy: { date: 'desc' }, take: 7 }),
    prisma.activity.findMany({
      where: {
        userId,
        localDate: { gt: toUtcMidnight(addDays(today, -28)) },
        type: { contains: 'run' },
      },
    }),
  ]);
  const chronicAt = async (daysAgo: number) => {
    const row = await prisma.dailyMetrics.findFirst({
      where: { userId, date: { lte: toUtcMidnight(addDays(today, -daysAgo)) } },
      orderBy: { date: 'desc' },
    });
    return [
      number(
        `external chronic load ${daysAgo} days ago`,
        roundTo(row?.externalChronicLoad ?? null, LOAD_DECIMALS),
      ),
      number(
        `internal chronic load ${daysAgo} days ago`,
        roundTo(row?.internalChronicLoad ?? null, LOAD_DECIMALS),
      ),
    ];
  };
  const aRace = goals.find((goal) => goal.priority === 'A');
  const lastWeek = activities.items.filter((a) => a.date >= addDays(today, -6));
  const pastDaysOfWeek = (week?.days ?? []).filter(
    (day) => day.date < today && day.date >= addDays(today, -7),
  );
  return {
    todayDate: [text(today)],
    externalAcwr: [number('external ACWR', current?.externalAcwr)],
    internalAcwr: [number('internal ACWR', current?.internalAcwr)],
    normalizedDivergence: [number('divergence', current?.normalizedDivergence)],
    daysSinceRest: [number('days since rest', current?.daysSinceRest)],
    trainingStatus: current ? [text(current.assessment.status)] : [nothing('status')],
    chronicLoadNow: [
      number('external chronic load', current?.externalChronicLoad),
      number('internal chronic load', current?.internalChronicLoad),
    ],
    fitnessTrend: [...(await chronicAt(28)), ...(await chronicAt(91))],
    todaysWorkout: workout
      ? [text(workout.workoutType), text(workout.prescribedWorkout)]
      : [nothing('workout')],
    todaysRationale: workout ? [text(workout.rationale)] : [nothing('rationale')],
    plannedToday: workout?.planned ? [text(workout.planned.description)] : [nothing('plan')],
    recentPain:
      pains.length > 0
        ? pains.map((p) => text(`${fromUtcMidnight(p.entryDate)}: ${p.painPercentage}%`))
        : [text('none reported')],
    latestJournal: latestJournal
      ? [text(fromUtcMidnight(latestJournal.entryDate)), text(`${latestJournal.energyLevel}/5`)]
      : [nothing('journal')],
    lastSevenDaysOfActivities:
      lastWeek.length > 0
        ? lastWeek.flatMap((a) => [
            text(`${a.distance.toFixed(2)} ${distanceUnitOf(units)}`),
            text(formatDuration(a.durationSeconds)),
          ])
        : [nothing('activities')],
    lastFourWeeksDistance: [
      text(
        formatActualDistance(
          runs28.reduce((sum, a) => sum + a.distanceMeters, 0),
          units,
        ),
      ),
    ],
    aRace: aRace ? [text(aRace.name), text(aRace.raceDate)] : [nothing('A race')],
    aRaceDistanceAndTarget: aRace
      ? [
          text(formatRaceDistance(aRace.distanceMeters, units)),
          aRace.targetTimeSeconds === null
            ? nothing('target time')
            : text(formatDuration(aRace.targetTimeSeconds)),
        ]
      : [nothing('A race')],
    raceGoals:
      goals.length > 0
        ? goals.flatMap((goal) => [
            text(goal.name),
            text(formatRaceDistance(goal.distanceMeters, units)),
          ])
        : [nothing('race goals')],
    raceHistory: history[0]
      ? [text(history[0].name), text(formatDuration(history[0].finishTimeSeconds))]
      : [nothing('race history')],
    weekProgram: week
      ? [text(week.stage), text(week.focus), ...week.days.map((day) => text(day.description))]
      : [nothing('week program')],
    plannedVsDone:
      pastDaysOfWeek.length > 0
        ? pastDaysOfWeek.map((day) => (prompt: string) => {
            const line = prompt
              .split('\n')
              .find((l) => l.includes(`${weekdayOf(day.date)} ${day.date}: planned`));
            if (!line) return `planned vs done of ${day.date} missing`;
            return line.includes('nothing logged') === !day.done
              ? null
              : `${day.date} done=${day.done} but the prompt says "${line}"`;
          })
        : [nothing('past days of this week')],
    latestAutopsy: autopsy
      ? [text(autopsy.date), text(`${autopsy.alignmentScore}/10`)]
      : [nothing('autopsy')],
    autopsyAnalysis: autopsy ? [text(autopsy.analysis)] : [nothing('autopsy')],
    autopsyPrescribedVsActual: autopsy
      ? [text(autopsy.prescribedAction), text(autopsy.actualActivities)]
      : [nothing('autopsy')],
    autopsyDayJournal:
      autopsyJournal?.energyLevel != null
        ? [text(`${autopsyJournal.energyLevel}/5`), text(`${autopsyJournal.rpeScore}/10`)]
        : [text('No journal entry that day')],
    autopsyDayAcwr: [
      number(
        'external ACWR on the autopsy day',
        series.find((point) => point.date === autopsy?.date)?.externalAcwr,
      ),
    ],
    recentAlignmentScores: alignments.map((a) =>
      text(`${fromUtcMidnight(a.date)}: ${a.alignmentScore}/10`),
    ),
  };
}

const ATHLETES = [
  { seed: 11, timezone: 'Pacific/Auckland', units: 'metric' },
  { seed: 12, timezone: 'America/Los_Angeles', units: 'imperial' },
] as const;

let database: Database;
const athletes: { userId: number; units: Units; today: LocalDate; label: string }[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  for (const { seed, timezone, units } of ATHLETES) {
    const today = todayIn(timezone, NOW);
    const { userId } = await writeAthlete(
      database.prisma,
      generateAthleteHistory({ seed, today, days: 182, profile: { timezone, units } }),
      { email: `grounding-${seed}@context.test`, passwordHash: 'unused' },
      NOW,
    );
    // The engines' plan, recommendations and autopsies of the last week.
    await catchUpCoaching(database.prisma, userId, addDays(today, -6), NOW);
    athletes.push({ userId, units, today, label: `${units}, ${timezone}` });
  }
}, 120_000);
afterAll(() => database.close());

describe('grounding: every question of the set finds its facts in its universe prompt', () => {
  it.each(ATHLETES.map((_, i) => i))('athlete %i', async (index) => {
    const athlete = athletes[index];
    if (!athlete) throw new Error('athlete not written');
    const facts = await pageFacts(database.prisma, athlete.userId, athlete.units, athlete.today);
    const contexts = new ContextManager({ prisma: database.prisma, now: () => NOW });
    const missing: string[] = [];
    for (const universe of UNIVERSES) {
      const context = await contexts.getContext(athlete.userId, universe);
      const prompt = buildSystemPrompt(
        context.base,
        context.factsOfTheDay,
        context.text,
        universe,
      ).join('');
      for (const { question, needs } of GROUNDING_QUESTIONS[universe]) {
        for (const need of needs) {
          for (const check of facts[need]) {
            const problem = check(prompt);
            if (problem)
              missing.push(`${athlete.label} · ${universe} · "${question}" · ${need}: ${problem}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('the set has at least six questions per universe', () => {
    for (const universe of UNIVERSES) {
      expect(GROUNDING_QUESTIONS[universe].length).toBeGreaterThanOrEqual(6);
    }
  });
});
