import {
  addDays,
  daysBetween,
  type LocalDate,
  laterOf,
  mondayOf,
  type Units,
  WEEKDAYS,
  type Weekday,
} from '@coach/metrics';
import type { Paces } from './paces';
import { makeSession, type SessionContext } from './sessions';
import type { TrainingSummary } from './training-summary';
import {
  HARD_KINDS,
  type Phase,
  type PlannedSession,
  type RaceGoal,
  type SessionKind,
} from './types';

// ── the rules (README: "Plan rules") ─────────────────────────────────────────

/** A loading week's volume is at most this multiple of the previous loading week's. */
export const WEEKLY_GROWTH_CAP = 1.1;
/** Every this-many loading weeks, one step-back week. */
const STEP_BACK_EVERY = 4;
/** A step-back week's volume, as a share of the last loading week's. */
export const STEP_BACK_FACTOR = 0.75;
/** A week with a B race: its training volume as a share of the last loading week's. */
export const TUNE_UP_WEEK_FACTOR = 0.85;
/** The long run's share of the week's training volume (or an even share with fewer than 4 running days). */
export const LONG_RUN_MAX_SHARE = 0.3;
/** A first week may start here even when recent volume is lower (a restart). */
export const START_FLOOR_KM = 15;
/** Fewer, longer runs rather than runs shorter than this. */
const MIN_RUN_KM = 3;
/** After a break (last 7 days under this share of the 4-week mean), the plan starts from the last week. */
const BREAK_SHARE = 0.5;
/** Weeks of a maintenance plan (no race goal). */
export const MAINTENANCE_WEEKS = 4;
/** Peak weeks before the taper. */
const PEAK_WEEKS = 2;
/** At most this many build weeks; earlier weeks are base. */
const MAX_BUILD_WEEKS = 8;

export type DistanceClass = '5k' | '10k' | 'half' | 'marathon';

export function distanceClassOf(meters: number): DistanceClass {
  if (meters <= 7500) return '5k';
  if (meters <= 15_000) return '10k';
  if (meters <= 30_000) return 'half';
  return 'marathon';
}

interface DistanceRules {
  /** taper weeks, the race week included */
  taperWeeks: number;
  /** training volume of each taper week as a share of peak, the race week last */
  taperShares: readonly number[];
  /** recovery weeks after the race week */
  recoveryShares: readonly number[];
  /** the peak volume a plan aims for when the athlete runs less today */
  peakKm: number;
  longRunCapKm: number;
}

export const DISTANCE_RULES: Readonly<Record<DistanceClass, Readonly<DistanceRules>>> = {
  '5k': { taperWeeks: 1, taperShares: [0.6], recoveryShares: [0.7], peakKm: 40, longRunCapKm: 16 },
  '10k': { taperWeeks: 1, taperShares: [0.6], recoveryShares: [0.7], peakKm: 50, longRunCapKm: 19 },
  half: {
    taperWeeks: 2,
    taperShares: [0.7, 0.45],
    recoveryShares: [0.6],
    peakKm: 60,
    longRunCapKm: 24,
  },
  marathon: {
    taperWeeks: 3,
    taperShares: [0.75, 0.6, 0.35],
    recoveryShares: [0.4, 0.7],
    peakKm: 75,
    longRunCapKm: 32,
  },
};
const MAINTENANCE_LONG_RUN_CAP_KM = 20;

/** Quality sessions a week by stage, before the training days limit them. */
const QUALITY_SESSIONS: Record<Phase, readonly SessionKind[]> = {
  base: ['tempo'],
  build: ['intervals', 'tempo'],
  peak: ['intervals', 'race_pace'],
  taper: ['sharpener'],
  recovery: [],
};

/** Relative distance of the sessions that share what the long run leaves. */
const WEIGHT: Partial<Record<SessionKind, number>> = {
  easy: 1,
  strides: 1,
  recovery: 0.7,
  shakeout: 0.5,
  tempo: 1.2,
  intervals: 1.2,
  race_pace: 1.3,
  sharpener: 1,
};

/** Short sessions stay short whatever the week's volume. */
const KIND_CAP_KM: Partial<Record<SessionKind, number>> = { shakeout: 5, recovery: 8 };

// ── inputs and outputs ──────────────────────────────────────────────────────

export interface Availability {
  trainingDays: readonly Weekday[];
  longRunDay: Weekday;
}

/** Until availability is stored: five days, Monday and Friday off, the long run on Sunday. */
const DEFAULT_AVAILABILITY: Readonly<Availability> = Object.freeze({
  trainingDays: Object.freeze(['Tuesday', 'Wednesday', 'Thursday', 'Saturday', 'Sunday'] as const),
  longRunDay: 'Sunday',
});

export interface PlanInput {
  today: LocalDate;
  raceGoals: readonly RaceGoal[];
  training: TrainingSummary;
  paces: Paces;
  availability?: Availability;
  units?: Units;
}

interface PhaseSpan {
  phase: Phase;
  start: LocalDate;
  end: LocalDate;
}

interface PlannedWeek {
  weekStart: LocalDate;
  stage: Phase;
  focus: string;
  /** planned running km without races: what the growth cap and the long-run share apply to */
  trainingKm: number;
  /** a loading week: base, build or peak, neither step-back nor tune-up race week */
  loading: boolean;
  days: PlannedSession[];
}

export interface TrainingPlan {
  kind: 'race' | 'maintenance';
  targetRace: RaceGoal | null;
  phases: PhaseSpan[];
  weeks: PlannedWeek[];
  /** the weekly volume the plan started from and why */
  startingKm: number;
  peakGoalKm: number;
}

// ── the builder ─────────────────────────────────────────────────────────────

/** The volume a plan's first week grows from: the 4-week mean, or the last week after a break. */
export function referenceVolume(training: TrainingSummary): number {
  const { chronicWeeklyKm, lastWeekKm } = training;
  return lastWeekKm < BREAK_SHARE * chronicWeeklyKm ? lastWeekKm : chronicWeeklyKm;
}

/**
 * The A race run before today whose recovery weeks are not over yet, with the recovery shares
 * still to come; null when there is none.
 */
function justRacedOf(goals: readonly RaceGoal[], today: LocalDate) {
  const race = goals
    .filter((g) => g.priority === 'A' && g.date < today)
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!race) return null;
  const recovery = DISTANCE_RULES[distanceClassOf(race.distanceMeters)].recoveryShares;
  const since = daysBetween(mondayOf(race.date), mondayOf(today)) / 7;
  // In the race's own week the days left are recovery too, before the rule's recovery weeks.
  const shares = since === 0 ? [recovery[0] ?? 0.5, ...recovery] : recovery.slice(since - 1);
  return shares.length > 0 ? { race, shares, firstWeekIsFirst: since <= 1 } : null;
}

/** The upcoming race the plan builds to: the earliest A race from today on. */
export function targetRaceOf(goals: readonly RaceGoal[], today: LocalDate): RaceGoal | null {
  return (
    goals
      .filter((g) => g.priority === 'A' && g.date >= today)
      .sort((a, b) => a.date.localeCompare(b.date))[0] ?? null
  );
}

function stagesFor(weeksToRace: number, taperWeeks: number): Phase[] {
  const taper = Math.min(taperWeeks, weeksToRace);
  let rest = weeksToRace - taper;
  const peak = Math.min(PEAK_WEEKS, rest);
  rest -= peak;
  const build = Math.min(MAX_BUILD_WEEKS, Math.ceil(rest / 2));
  const base = rest - build;
  return [
    ...Array<Phase>(base).fill('base'),
    ...Array<Phase>(build).fill('build'),
    ...Array<Phase>(peak).fill('peak'),
    ...Array<Phase>(taper).fill('taper'),
  ];
}

const FOCUS: Record<Phase, string> = {
  base: 'Aerobic base: easy volume, one steady quality session, the long run grows',
  build: 'Build: threshold and VO2max work while the long run grows',
  peak: 'Peak: race-specific work and the biggest weeks',
  taper: 'Taper: less volume, a little intensity, arrive fresh',
  recovery: 'Recovery: easy running only, let the body absorb the work',
};

/** Periodised plan to the A race (base, build, peak, taper, recovery), or maintenance without one. */
export function buildPlan(input: PlanInput): TrainingPlan {
  const { today } = input;
  const availability = input.availability ?? DEFAULT_AVAILABILITY;
  const target = targetRaceOf(input.raceGoals, today);
  const reference = referenceVolume(input.training);
  const firstMonday = mondayOf(today);
  const rules = target ? DISTANCE_RULES[distanceClassOf(target.distanceMeters)] : null;
  const peakGoalKm = Math.max(reference, rules?.peakKm ?? START_FLOOR_KM);

  // Taper and recovery weeks run at a share of the peak, by the distance's rule.
  const stages: Phase[] = [];
  const shares: (number | null)[] = [];
  const justRaced = target ? null : justRacedOf(input.raceGoals, today);
  if (target && rules) {
    const weeksToRace = daysBetween(firstMonday, mondayOf(target.date)) / 7 + 1;
    const toRace = stagesFor(weeksToRace, rules.taperWeeks);
    const taperShares = rules.taperShares.slice(-toRace.filter((s) => s === 'taper').length);
    stages.push(...toRace, ...rules.recoveryShares.map((): Phase => 'recovery'));
    shares.push(
      ...toRace.map((s) => (s === 'taper' ? (taperShares.shift() ?? null) : null)),
      ...rules.recoveryShares,
    );
  } else {
    if (justRaced) {
      stages.push(...justRaced.shares.map((): Phase => 'recovery'));
      shares.push(...justRaced.shares);
    }
    stages.push(...Array<Phase>(MAINTENANCE_WEEKS).fill('base'));
    shares.push(...Array<null>(MAINTENANCE_WEEKS).fill(null));
  }

  const weeks: PlannedWeek[] = [];
  let lastLoading: number | null = null;
  let peakKm = 0;
  let sinceStepBack = 0;
  stages.forEach((stage, index) => {
    const weekStart = addDays(firstMonday, 7 * index);
    const weekEnd = addDays(weekStart, 6);
    const races = input.raceGoals.filter(
      (g) => g.date >= weekStart && g.date <= weekEnd && g.date >= today,
    );
    const tuneUp = races.some((r) => r.priority === 'B' && r !== target);
    const growthFrom = lastLoading ?? Math.max(reference, START_FLOOR_KM / WEEKLY_GROWTH_CAP);
    const capped = Math.min(peakGoalKm, growthFrom * WEEKLY_GROWTH_CAP);
    const before = peakKm > 0 ? peakKm : growthFrom;

    let volume: number;
    let loading = false;
    let stepBack = false;
    const share = shares[index] ?? null;
    if (share !== null) {
      volume = before * share;
      if (tuneUp) volume = Math.min(volume, before * TUNE_UP_WEEK_FACTOR);
    } else if (tuneUp) {
      volume = Math.min(capped, (lastLoading ?? reference) * TUNE_UP_WEEK_FACTOR);
      sinceStepBack = 0;
    } else if (stage !== 'peak' && sinceStepBack === STEP_BACK_EVERY - 1) {
      volume = (lastLoading ?? reference) * STEP_BACK_FACTOR;
      stepBack = true;
      sinceStepBack = 0;
    } else {
      volume = capped;
      loading = true;
      sinceStepBack++;
    }

    // A tune-up race is part of the week's running: the other days carry the rest.
    const raceKm = races
      .filter((r) => r !== target)
      .reduce((km, r) => km + r.distanceMeters / 1000, 0);
    volume = Math.max(0, volume - raceKm);

    const ctx: SessionContext = {
      paces: input.paces,
      units: input.units ?? 'metric',
      stage,
      targetRace: target,
    };
    const days = planWeek({
      weekStart,
      stage,
      volume,
      races,
      nearbyRaces: input.raceGoals.filter(
        (g) => g.date >= addDays(weekStart, -1) && g.date <= addDays(weekEnd, 1) && g.date >= today,
      ),
      target,
      availability,
      longRunCapKm: rules?.longRunCapKm ?? MAINTENANCE_LONG_RUN_CAP_KM,
      firstRecoveryWeek:
        stage === 'recovery' &&
        (index === 0 ? (justRaced?.firstWeekIsFirst ?? false) : stages[index - 1] === 'taper'),
      stepBack,
      ctx,
    });
    const trainingKm = trainingKmOf(days);
    if (loading) {
      lastLoading = trainingKm;
      peakKm = Math.max(peakKm, trainingKm);
    }
    weeks.push({
      weekStart,
      stage,
      focus: focusFor(stage, races, target, stepBack, !target && stage === 'base'),
      trainingKm,
      loading,
      days,
    });
  });

  return {
    kind: target ? 'race' : 'maintenance',
    targetRace: target,
    phases: phasesOf(weeks, target ?? justRaced?.race ?? null),
    weeks,
    startingKm: reference,
    peakGoalKm,
  };
}

function focusFor(
  stage: Phase,
  races: readonly RaceGoal[],
  target: RaceGoal | null,
  stepBack: boolean,
  maintenance: boolean,
): string {
  let focus = maintenance
    ? 'Maintenance: steady easy volume, one quality session, no race on the calendar'
    : FOCUS[stage];
  if (stepBack) focus = 'Step-back week: lower volume to absorb the last block';
  if (target && races.includes(target)) focus = `Race week: ${target.name}, arrive fresh and sharp`;
  for (const race of races) {
    if (race === target) continue;
    focus += race.priority === 'B' ? `; tune-up race ${race.name}` : `; ${race.name} for fun`;
  }
  return focus;
}

/** Running km of a week's sessions without races. */
function trainingKmOf(days: readonly PlannedSession[]): number {
  return (
    days
      .filter((d) => d.kind !== 'race' && d.kind !== 'cross_training')
      .reduce((sum, d) => sum + d.plannedDistanceMeters, 0) / 1000
  );
}

function phasesOf(weeks: readonly PlannedWeek[], target: RaceGoal | null): PhaseSpan[] {
  const spans: PhaseSpan[] = [];
  for (const week of weeks) {
    const start = week.weekStart;
    const end = addDays(start, 6);
    const last = spans[spans.length - 1];
    if (last && last.phase === week.stage) last.end = end;
    else spans.push({ phase: week.stage, start, end });
  }
  // The taper ends on race day; the days after it (within the plan) belong to recovery.
  if (target) {
    const taper = spans.find((s) => s.phase === 'taper');
    const recovery = spans.find((s) => s.phase === 'recovery');
    if (taper) taper.end = target.date;
    const first = weeks[0]?.weekStart ?? target.date;
    if (recovery) recovery.start = laterOf(addDays(target.date, 1), first);
  }
  return spans;
}

interface WeekInput {
  weekStart: LocalDate;
  stage: Phase;
  volume: number;
  races: readonly RaceGoal[];
  /** races of this week and of the days just before and after it */
  nearbyRaces: readonly RaceGoal[];
  target: RaceGoal | null;
  availability: Availability;
  longRunCapKm: number;
  firstRecoveryWeek: boolean;
  stepBack: boolean;
  ctx: SessionContext;
}

/** Circular distance between two weekdays (0–3): the week repeats, so Sunday sits next to Monday. */
function dayGap(a: number, b: number): number {
  const d = Math.abs(a - b) % 7;
  return Math.min(d, 7 - d);
}

/** Monday = 0 … Sunday = 6. */
function dayIndex(day: Weekday): number {
  return (WEEKDAYS.indexOf(day) + 6) % 7;
}

function planWeek(w: WeekInput): PlannedSession[] {
  const dates = Array.from({ length: 7 }, (_, i) => addDays(w.weekStart, i));
  const trainingDays = new Set(w.availability.trainingDays.map(dayIndex));
  const longDay = dayIndex(w.availability.longRunDay);
  trainingDays.add(longDay);
  const kinds: SessionKind[] = dates.map((_, i) => (trainingDays.has(i) ? 'easy' : 'rest'));
  const raceOn = new Map<number, RaceGoal>();
  for (const race of w.races) raceOn.set(daysBetween(w.weekStart, race.date), race);
  const targetDay = w.target && raceOn.get(daysBetween(w.weekStart, w.target.date)) === w.target;

  for (const i of raceOn.keys()) kinds[i] = 'race';
  // A short taper around a tune-up (also across the week's edges): the day before is a shakeout
  // or rest, the day after a recovery run or rest.
  const neighbours: number[] = [];
  for (const race of w.nearbyRaces) {
    if (race === w.target) continue;
    const i = daysBetween(w.weekStart, race.date);
    if (i < 0 || i > 6) neighbours.push(i);
    for (const [day, easy] of [
      [i - 1, 'shakeout'],
      [i + 1, 'recovery'],
    ] as const) {
      if (day >= 0 && day <= 6 && kinds[day] !== 'rest' && kinds[day] !== 'race') kinds[day] = easy;
    }
  }

  if (targetDay && w.target) {
    const raceIndex = daysBetween(w.weekStart, w.target.date);
    for (let i = 0; i < 7; i++) {
      if (i === raceIndex || kinds[i] === 'rest') continue;
      if (i === raceIndex - 1) kinds[i] = 'shakeout';
      else if (i > raceIndex) kinds[i] = i === raceIndex + 1 ? 'rest' : 'recovery';
    }
    const sharpener = [3, 4, 5, 2].map((n) => raceIndex - n).find((i) => kinds[i] === 'easy');
    if (sharpener !== undefined) kinds[sharpener] = 'sharpener';
  } else {
    const hasRace = raceOn.size > 0;
    const { firstRecoveryWeek } = w;
    if (kinds[longDay] === 'easy' && !firstRecoveryWeek) kinds[longDay] = 'long';
    let quality = [...QUALITY_SESSIONS[w.stage]];
    if (w.stepBack) quality = quality.slice(0, 1);
    if (hasRace) quality = quality.slice(0, Math.max(0, quality.length - 1));
    if (w.volume < 20 && w.stage === 'base') quality = [];
    const runDays = kinds.filter((k) => k !== 'rest').length;
    quality = quality.slice(0, Math.max(0, runDays - 2));
    placeQuality(kinds, quality, neighbours);
    if (w.stage === 'base' || w.stage === 'recovery') {
      const strides = kinds.findIndex((k, i) => k === 'easy' && i !== longDay);
      if (strides >= 0 && !firstRecoveryWeek) kinds[strides] = 'strides';
    }
    if (firstRecoveryWeek) {
      kinds.forEach((k, i) => {
        if (k === 'easy' && i < 3) kinds[i] = 'recovery';
      });
    }
  }

  const km = distribute(kinds, w.volume, w.longRunCapKm);
  return dates.map((date, i) =>
    makeSession(date, kinds[i] as SessionKind, km[i] ?? 0, w.ctx, raceOn.get(i) ?? null),
  );
}

/** Every set of `size` items of `items`, in order. */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) =>
    subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]),
  );
}

/**
 * Puts the quality sessions on easy days at least two days (circularly) from each other, the long
 * run and races: as many as fit, then the spread with the largest smallest gap, then the earliest.
 */
function placeQuality(
  kinds: SessionKind[],
  quality: readonly SessionKind[],
  racesOutside: readonly number[],
): void {
  const hard = kinds.flatMap((k, i) => (HARD_KINDS.has(k) ? [i] : []));
  const easy = kinds.flatMap((k, i) => (k === 'easy' ? [i] : []));
  for (let count = quality.length; count > 0; count--) {
    let best: { days: number[]; gap: number } | null = null;
    for (const days of subsets(easy, count)) {
      const gaps = days.flatMap((d, n) => [
        ...hard.map((h) => dayGap(h, d)),
        ...racesOutside.map((r) => Math.abs(r - d)),
        ...days.slice(n + 1).map((e) => dayGap(d, e)),
      ]);
      const gap = Math.min(7, ...gaps);
      if (gap >= 2 && (!best || gap > best.gap)) best = { days, gap };
    }
    if (best) {
      best.days.forEach((day, n) => {
        kinds[day] = quality[n] as SessionKind;
      });
      return;
    }
  }
}

const floorHalf = (km: number) => Math.floor(km * 2) / 2;

/**
 * Kilometres per day: the long run takes its share (at most 30%, or an even share with fewer than
 * four running days, and at most the distance's cap), the other runs share the rest by weight, none
 * longer than the long run. Runs shorter than 3 km become rest days first.
 */
function distribute(kinds: SessionKind[], volume: number, longCap: number): number[] {
  const km = kinds.map(() => 0);
  const shared = () => kinds.map((k, i) => ({ k, i })).filter(({ k }) => WEIGHT[k] !== undefined);
  const longIndex = kinds.indexOf('long');
  for (;;) {
    const others = shared();
    const running = others.length + (longIndex >= 0 ? 1 : 0);
    if (running === 0) return km;
    const share = Math.max(LONG_RUN_MAX_SHARE, 1 / running);
    const longKm = longIndex >= 0 ? Math.min(longCap, share * volume) : 0;
    const rest = volume - longKm;
    const weights = others.reduce((sum, o) => sum + (WEIGHT[o.k] ?? 0), 0);
    const easiest = others.filter((o) => o.k === 'easy' || o.k === 'recovery').at(-1);
    if (weights > 0 && rest / weights < MIN_RUN_KM && easiest) {
      kinds[easiest.i] = 'rest';
      continue;
    }
    if (longIndex >= 0) km[longIndex] = floorHalf(longKm);
    // Water-filling: what a run cannot take above its ceiling goes to the others; no run is longer
    // than the long run's share, and what nobody can take is left out of the week.
    const shareCeiling = longIndex >= 0 ? longKm : Math.min(longCap, share * volume);
    const ceilingOf = (k: SessionKind) => Math.min(shareCeiling, KIND_CAP_KM[k] ?? shareCeiling);
    let left = rest;
    let open = others;
    while (open.length > 0 && left > 1e-9) {
      const w = open.reduce((sum, o) => sum + (WEIGHT[o.k] ?? 0), 0);
      const full = open.filter((o) => (left * (WEIGHT[o.k] ?? 0)) / w >= ceilingOf(o.k));
      if (full.length === 0) {
        for (const o of open) km[o.i] = (left * (WEIGHT[o.k] ?? 0)) / w;
        left = 0;
      } else {
        for (const o of full) {
          km[o.i] = ceilingOf(o.k);
          left -= km[o.i] ?? 0;
        }
        open = open.filter((o) => !full.includes(o));
      }
    }
    for (const o of others) km[o.i] = floorHalf(km[o.i] ?? 0);
    return km;
  }
}

/** The planned session on `date`, if the plan covers it. */
export function sessionOn(plan: TrainingPlan, date: LocalDate): PlannedSession | null {
  const week = plan.weeks.find((w) => w.weekStart === mondayOf(date));
  return week?.days.find((d) => d.date === date) ?? null;
}
