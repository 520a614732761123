/**
 * Scenario tests: athletes made by the seed's generator (only what they recorded: activities,
 * journal, races and results), run through the engines day by day.
 */
import {
  addDays,
  assessTrainingState,
  computeDailyMetrics,
  daysBetween,
  externalLoad,
  internalLoad,
  type LocalDate,
  mondayOf,
  PAIN_REST_THRESHOLD,
  thresholdsFor,
  weekdayOf,
} from '@coach/metrics';
import { type AthleteHistory, generateAthleteHistory } from '@coach/seed';
import { describe, expect, it } from 'vitest';
import { derivePaces } from './paces';
import {
  type Availability,
  buildPlan,
  DISTANCE_RULES,
  distanceClassOf,
  START_FLOOR_KM,
  sessionOn,
} from './plan';
import {
  BACK_OFF_STATUSES,
  PAIN_CROSS_TRAINING_THRESHOLD,
  type Recommendation,
  recommendToday,
} from './recommend';
import { planViolations } from './testing';
import { summarizeTraining } from './training-summary';
import { HARD_WORKOUT_TYPES, type RaceGoal } from './types';

const TODAY = '2026-11-25';
/** Days, ending today, on which a recommendation is made and checked. */
const CHECKED_DAYS = 56;

interface Scenario {
  name: string;
  history: AthleteHistory;
  raceGoals: RaceGoal[];
  availability?: Availability;
}

function goalsOf(history: AthleteHistory): RaceGoal[] {
  return history.raceGoals.map((g) => ({
    name: g.name,
    date: g.raceDate,
    distanceMeters: g.distanceMeters,
    targetTimeSeconds: g.targetTimeSeconds,
    priority: g.priority,
  }));
}

/** The history without activities (and with pain logged) between two dates: an injury. */
function withGap(history: AthleteHistory, from: LocalDate, to: LocalDate): AthleteHistory {
  return {
    ...history,
    activities: history.activities.filter((a) => a.localDate < from || a.localDate > to),
  };
}

const generated = (
  seed: number,
  fitness?: { thresholdPaceSecondsPerKm: number; peakWeeklyKm: number },
) => generateAthleteHistory({ seed, today: TODAY, ...(fitness ? { fitness } : {}) });

const SCENARIOS: Scenario[] = (() => {
  // A beginner runs three days a week, slowly.
  const beginnerDays: Availability = {
    trainingDays: ['Tuesday', 'Thursday', 'Sunday'],
    longRunDay: 'Sunday',
  };
  const slow = generated(11, { thresholdPaceSecondsPerKm: 370, peakWeeklyKm: 30 });
  const beginner = {
    ...slow,
    activities: slow.activities.filter((a) =>
      (beginnerDays.trainingDays as readonly string[]).includes(weekdayOf(a.localDate)),
    ),
  };
  const highVolume = generated(12, { thresholdPaceSecondsPerKm: 225, peakWeeklyKm: 125 });
  const injured = withGap(generated(13), addDays(TODAY, -24), addDays(TODAY, -1));
  const detrained = withGap(generated(14), addDays(TODAY, -70), addDays(TODAY, -1));
  const noGoal = generated(15);
  const twoRaces = generated(16);
  const aDate = addDays(mondayOf(TODAY), 7 * 9 + 6); // a Sunday nine weeks on
  return [
    {
      name: 'beginner',
      history: beginner,
      availability: beginnerDays,
      raceGoals: [
        {
          name: 'First 10K',
          date: aDate,
          distanceMeters: 10_000,
          targetTimeSeconds: null,
          priority: 'A',
        },
      ],
    },
    { name: 'high volume', history: highVolume, raceGoals: goalsOf(highVolume) },
    { name: 'returning from injury', history: injured, raceGoals: goalsOf(injured) },
    { name: 'detrained', history: detrained, raceGoals: goalsOf(detrained) },
    { name: 'no race goal', history: noGoal, raceGoals: [] },
    {
      name: 'two races close together',
      history: twoRaces,
      raceGoals: [
        {
          name: 'Goal Half',
          date: aDate,
          distanceMeters: 21_097.5,
          targetTimeSeconds: 5700,
          priority: 'A',
        },
        {
          name: 'Tune-up 10K',
          date: addDays(aDate, -13),
          distanceMeters: 10_000,
          targetTimeSeconds: null,
          priority: 'B',
        },
      ],
    },
  ];
})();

function engines(scenario: Scenario, today: LocalDate) {
  const { history } = scenario;
  const { profile } = history;
  const before = history.activities.filter((a) => a.localDate < today);
  const training = summarizeTraining(before, today);
  const paces = derivePaces({
    today,
    raceResults: history.raceHistory
      .filter((r) => r.raceDate < today)
      .map((r) => ({
        date: r.raceDate,
        distanceMeters: r.distanceMeters,
        finishTimeSeconds: r.finishTimeSeconds,
      })),
    restingHeartRate: profile.restingHeartRate,
    maxHeartRate: profile.maxHeartRate,
  });
  const plan = buildPlan({
    today,
    raceGoals: scenario.raceGoals,
    training,
    paces,
    units: profile.units,
    ...(scenario.availability ? { availability: scenario.availability } : {}),
  });
  return { training, paces, plan };
}

/** Today's recommendation as the server would make it: metrics and assessment as of yesterday. */
function recommendationOn(scenario: Scenario, today: LocalDate): Recommendation {
  const { history } = scenario;
  const { profile } = history;
  const { plan, paces } = engines(scenario, today);
  const yesterday = addDays(today, -1);
  const loads = history.activities
    .filter((a) => a.localDate <= yesterday)
    .map((a) => ({
      localDate: a.localDate,
      externalLoad: externalLoad(a),
      internalLoad: internalLoad(a, profile).value,
    }));
  const [metrics] = computeDailyMetrics(loads, { from: yesterday, to: yesterday });
  if (!metrics) throw new Error('no metrics');
  const thresholds = thresholdsFor(profile.riskTolerance);
  const journal = history.journal
    .filter((j) => j.entryDate <= today && daysBetween(j.entryDate, today) < 3)
    .map((j) => ({
      date: j.entryDate,
      energyLevel: j.energyLevel,
      painPercentage: j.painPercentage,
    }));
  const assessment = assessTrainingState({
    today: { ...metrics, date: today },
    thresholds,
    recentPain: journal,
  });
  const ranYesterday = history.activities
    .filter((a) => a.localDate === yesterday && a.type !== 'ride')
    .reduce((km, a) => km + a.distanceMeters / 1000, 0);
  return recommendToday({
    date: today,
    planned: sessionOn(plan, today),
    metrics,
    assessment,
    thresholds,
    journal,
    lastDays: [
      {
        date: yesterday,
        plannedKind: sessionOn(plan, yesterday)?.kind ?? null,
        distanceKm: ranYesterday,
      },
    ],
    paces,
    units: profile.units,
  });
}

const checked = new Map<Scenario, { day: LocalDate; rec: Recommendation }[]>();
/** The recommendations of the last CHECKED_DAYS days, each made as of its day (computed once). */
function checkedDays(scenario: Scenario) {
  let days = checked.get(scenario);
  if (!days) {
    days = [];
    for (let n = CHECKED_DAYS - 1; n >= 0; n--) {
      const day = addDays(TODAY, -n);
      days.push({ day, rec: recommendationOn(scenario, day) });
    }
    checked.set(scenario, days);
  }
  return days;
}

const backsOff = (rec: Recommendation) =>
  BACK_OFF_STATUSES.has(rec.metricsSnapshot.status) ||
  rec.metricsSnapshot.status === 'mandatory_rest';

describe.each(SCENARIOS)('$name', (scenario) => {
  const { training, plan } = engines(scenario, TODAY);

  it('keeps the growth cap, the long-run share and the hard-day spacing', () => {
    expect(planViolations(plan, training)).toEqual([]);
  });

  it('lands the phases and the taper where they should be', () => {
    const target = plan.targetRace;
    if (!target) {
      expect(scenario.raceGoals.filter((g) => g.priority === 'A' && g.date >= TODAY)).toEqual([]);
      expect(plan.kind).toBe('maintenance');
      expect(plan.phases.map((p) => p.phase)).toEqual(['base']);
      return;
    }
    const rules = DISTANCE_RULES[distanceClassOf(target.distanceMeters)];
    const order = ['base', 'build', 'peak', 'taper', 'recovery'];
    const phases = plan.phases.map((p) => p.phase);
    expect(phases).toEqual(order.filter((p) => phases.includes(p as never)));
    const taper = plan.phases.find((p) => p.phase === 'taper');
    expect(taper?.end).toBe(target.date);
    const weeksToRace = daysBetween(mondayOf(TODAY), mondayOf(target.date)) / 7 + 1;
    const taperWeeks = Math.min(rules.taperWeeks, weeksToRace);
    expect(taper?.start).toBe(addDays(mondayOf(target.date), -7 * (taperWeeks - 1)));
    expect(plan.phases.at(-1)).toMatchObject({ phase: 'recovery', start: addDays(target.date, 1) });
    expect(sessionOn(plan, target.date)?.kind).toBe('race');
    for (const race of scenario.raceGoals.filter((g) => g.date >= TODAY && g.date <= target.date)) {
      expect(sessionOn(plan, race.date)?.workoutType).toBe('race');
    }
  });

  it('never prescribes a hard session against a back-off or rest; pain gives rest or cross-training', () => {
    const seen = { pain: 0 };
    for (const { day, rec } of checkedDays(scenario)) {
      const status = rec.metricsSnapshot.status;
      if (status === 'mandatory_rest') expect(rec.workoutType).toBe('rest');
      if (backsOff(rec)) {
        expect(HARD_WORKOUT_TYPES.has(rec.workoutType), `${day} ${status}`).toBe(false);
      }
      const pains = scenario.history.journal
        .filter((j) => j.entryDate === day || j.entryDate === addDays(day, -1))
        .map((j) => j.painPercentage);
      const pain = Math.max(0, ...pains);
      if (pain >= PAIN_CROSS_TRAINING_THRESHOLD) {
        seen.pain++;
        expect(['rest', 'cross_training'], `${day} pain ${pain}`).toContain(rec.kind);
        if (pain >= PAIN_REST_THRESHOLD) expect(rec.kind).toBe('rest');
      }
      // The rationale cites the numbers it rests on, and a change says what was planned and why.
      const numbers = rec.metricsSnapshot;
      expect(rec.rationale).toContain(`As of ${numbers.date}:`);
      if (numbers.externalAcwr !== null) {
        expect(rec.rationale).toContain(`external ACWR ${numbers.externalAcwr.toFixed(2)}`);
      }
      if (numbers.internalAcwr !== null) {
        expect(rec.rationale).toContain(`internal ACWR ${numbers.internalAcwr.toFixed(2)}`);
      }
      expect(rec.rationale).toMatch(new RegExp(`\\b${numbers.daysSinceRest} days? since rest`));
      if (rec.changed) expect(rec.rationale).toMatch(/Planned: .+\. Changed to .+, because .+/);
    }
    // Each generated history holds a niggle: the pain rules above were exercised.
    expect(seen.pain).toBeGreaterThan(0);
  });
});

it('meets back-off and rest days in the scenarios, so the no-hard-session rule is exercised', () => {
  // Not every athlete's load swings that far; together they do.
  const backOffDays = SCENARIOS.flatMap(checkedDays).filter(({ rec }) => backsOff(rec));
  expect(backOffDays.length).toBeGreaterThan(10);
});

describe('profiles the plan adapts to', () => {
  const byName = (name: string) => SCENARIOS.find((s) => s.name === name) as Scenario;

  it('restarts an injured or detrained athlete from a low volume', () => {
    for (const name of ['returning from injury', 'detrained']) {
      const { training, plan } = engines(byName(name), TODAY);
      expect(training.lastWeekKm).toBe(0);
      expect(plan.weeks[0]?.trainingKm).toBeLessThanOrEqual(START_FLOOR_KM);
    }
  });

  it('keeps a high-volume athlete near their volume and a beginner near theirs', () => {
    const high = engines(byName('high volume'), TODAY);
    const beginner = engines(byName('beginner'), TODAY);
    expect(high.plan.weeks[0]?.trainingKm).toBeGreaterThan(60);
    expect(beginner.plan.weeks[0]?.days.filter((d) => d.kind !== 'rest')).toHaveLength(3);
    expect(high.plan.startingKm).toBeGreaterThan(2 * beginner.plan.startingKm);
    expect(beginner.paces.pace.easy.fast).toBeGreaterThan(high.paces.pace.easy.fast);
  });

  it('runs both close races with a short taper around the tune-up', () => {
    const { plan } = engines(byName('two races close together'), TODAY);
    const tuneUp = byName('two races close together').raceGoals[1] as RaceGoal;
    expect(sessionOn(plan, tuneUp.date)?.kind).toBe('race');
    for (const offset of [-1, 1]) {
      expect(
        HARD_WORKOUT_TYPES.has(
          sessionOn(plan, addDays(tuneUp.date, offset))?.workoutType ?? 'rest',
        ),
      ).toBe(false);
    }
  });
});
