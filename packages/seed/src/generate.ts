/**
 * Realistic synthetic athlete data, deterministic from a seed: a runner training periodised
 * towards an A race a few weeks after `today`, with what such an athlete records (activities,
 * journal, race goals and results). No coaching: the engines make the plan, recommendations and
 * autopsies from it.
 *
 * Every day is a pure function of (seed, today, profile, date), so a shorter history is exactly
 * the tail of a longer one, and a history continued past `today` (`through`) keeps its days.
 */
import {
  addDays,
  dateRange,
  daysBetween,
  formatRaceDistance,
  formatRaceTime,
  instantAt,
  isLocalDate,
  type LocalDate,
  mondayOf,
} from '@coach/metrics';
import { type SimActivity, simulateActivity, summerHeat } from './generate-day';
import {
  eased,
  type Fitness,
  makeFitness,
  type RaceEvent,
  type Session,
  type SessionStyle,
  TrainingRoutine,
} from './generate-routine';
import {
  INSTRUCTION_NOTE,
  NIGGLE_PARTS,
  type NoteContext,
  niggleNote,
  pickNote,
} from './generate-text';
import { rngFor } from './random';
import type {
  AthleteHistory,
  AthleteProfile,
  GeneratedActivity,
  GeneratedJournalEntry,
  GeneratedRaceGoal,
  GeneratedRaceResult,
} from './types';

export { INSTRUCTION_NOTE } from './generate-text';

export interface GenerateOptions {
  seed: number;
  /** the last day of the history (inclusive), in the athlete's timezone */
  today: LocalDate;
  /** length of the history in days, ending at `today` (default 182) */
  days?: number;
  /**
   * continues the same history past `today` up to this day (default `today`): the days after
   * `today` are the ones a later run of the generator would add, and this day is the new today
   */
  through?: LocalDate;
  /** IANA timezone (default 'America/Denver', or `profile.timezone`) */
  timezone?: string;
  profile?: Partial<AthleteProfile>;
  /** how fit the athlete is (defaults: the demo athlete) */
  fitness?: Partial<FitnessOptions>;
}

interface FitnessOptions {
  /** threshold (tempo) pace today, seconds per km */
  thresholdPaceSecondsPerKm: number;
  /** planned volume of the biggest week of a marathon block, km */
  peakWeeklyKm: number;
}

const DEFAULT_DAYS = 182;
const DEFAULT_TIMEZONE = 'America/Denver';

export const DEFAULT_PROFILE: Readonly<AthleteProfile> = {
  displayName: 'Demo Runner',
  timezone: DEFAULT_TIMEZONE,
  coachingSpectrum: 60,
  riskTolerance: 'balanced',
  units: 'metric',
  restingHeartRate: 48,
  maxHeartRate: 186,
  sex: 'male',
};

const DEFAULT_FITNESS: Readonly<FitnessOptions> = {
  thresholdPaceSecondsPerKm: 275,
  peakWeeklyKm: 70,
};

export function generateAthleteHistory(options: GenerateOptions): AthleteHistory {
  return new HistoryBuilder(options).build();
}

/** Pain over a few days (never 60 twice in a row). */
const NIGGLE_SHAPES: readonly (readonly number[])[] = [
  [20, 40, 60, 40, 20],
  [40, 60, 40, 20],
  [20, 40, 40, 20, 20],
  [40, 40, 60, 20, 20, 0],
];

interface Niggle {
  start: LocalDate;
  pains: readonly number[];
  part: string;
}

interface PainState {
  pain: number;
  niggle: Niggle | null;
  /** day within the niggle */
  day: number;
}

type OutcomeKind =
  | 'rest'
  | 'as_planned'
  | 'race'
  | 'skipped'
  | 'easier'
  | 'ride_swap'
  | 'shorter'
  | 'longer'
  | 'too_fast'
  | 'extra_run'
  | 'extra_ride';

type Reason = 'busy' | 'tired' | 'sick' | 'niggle' | null;

const HARD: ReadonlySet<string> = new Set([
  'tempo',
  'intervals',
  'hills',
  'long',
  'long_mp',
  'race',
]);

/** What the athlete means to do that day: the routine's session, or less when something hurt. */
interface Intention {
  session: Session;
  eased: boolean;
}

interface Outcome {
  kind: OutcomeKind;
  reason: Reason;
  /** sorted by start time */
  activities: SimActivity[];
  commute: boolean;
}

const RUN_STYLES: ReadonlySet<string> = new Set(['easy', 'strides', 'recovery', 'trail']);

class HistoryBuilder {
  private readonly seed: number;
  private readonly today: LocalDate;
  /** the history's last day: its today */
  private readonly end: LocalDate;
  private readonly profile: AthleteProfile;
  private readonly fitness: Fitness;
  private readonly routine: TrainingRoutine;
  private readonly windowStart: LocalDate;
  private readonly niggles: Niggle[];
  private readonly instructionDate: LocalDate | null;
  private readonly intentions = new Map<LocalDate, Intention>();
  private readonly outcomes = new Map<LocalDate, Outcome>();
  private readonly raceTimes = new Map<LocalDate, number>();

  constructor(options: GenerateOptions) {
    const days = options.days ?? DEFAULT_DAYS;
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
    }
    if (!isLocalDate(options.today))
      throw new RangeError(`today must be YYYY-MM-DD: ${options.today}`);
    if (!Number.isFinite(options.seed))
      throw new RangeError(`seed must be a number: ${options.seed}`);
    const timezone = options.timezone ?? options.profile?.timezone ?? DEFAULT_TIMEZONE;
    new Intl.DateTimeFormat('en-US', { timeZone: timezone }); // throws on an unknown zone

    if (
      options.through !== undefined &&
      !(isLocalDate(options.through) && options.through >= options.today)
    ) {
      throw new RangeError(`through must be a day from today on: ${options.through}`);
    }
    this.seed = options.seed;
    this.today = options.today;
    this.end = options.through ?? options.today;
    this.profile = { ...DEFAULT_PROFILE, ...options.profile, timezone };
    const fitness = { ...DEFAULT_FITNESS, ...options.fitness };
    this.fitness = makeFitness(fitness.thresholdPaceSecondsPerKm, this.today);
    this.routine = new TrainingRoutine({
      seed: this.seed,
      today: this.today,
      peakWeeklyKm: fitness.peakWeeklyKm,
      fitness: this.fitness,
    });
    this.windowStart = addDays(this.today, 1 - days);
    this.routine.cover(addDays(this.windowStart, -7));
    this.niggles = this.makeNiggles();
    const offset = Math.min(rngFor(this.seed, 'instruction-note').int(2, 4), days - 1);
    this.instructionDate = days > 0 ? addDays(this.today, -offset) : null;
  }

  build(): AthleteHistory {
    const activities: GeneratedActivity[] = [];
    const journal: GeneratedJournalEntry[] = [];
    for (const date of dateRange(this.windowStart, this.end)) {
      this.outcome(date).activities.forEach((sim, i) => {
        activities.push({
          sourceId: `${this.seed}-${date}-${i + 1}`,
          startTime: instantAt(
            date,
            Math.floor(sim.startMinute / 60),
            sim.startMinute % 60,
            this.profile.timezone,
          ),
          localDate: date,
          ...sim.data,
        });
      });
      const entry = this.journalEntry(date);
      if (entry) journal.push(entry);
    }

    return {
      profile: { ...this.profile },
      activities,
      journal,
      raceGoals: this.routine
        .cycleOf(this.end)
        .events.map((event) => this.raceGoal(event))
        .sort((a, b) => compare(a.raceDate, b.raceDate)),
      raceHistory: this.routine
        .allEvents()
        .filter((event) => event.date < this.end)
        .map((event) => this.raceResult(event)),
    };
  }

  // ── pain and niggles ──────────────────────────────────────────────────────

  /** Niggle episodes going back from today, away from races, the latest four to eight weeks ago. */
  private makeNiggles(): Niggle[] {
    const niggles: Niggle[] = [];
    let anchor = this.today;
    for (let k = 0; ; k++) {
      const rng = rngFor(this.seed, 'niggle', k);
      const pains = rng.pick(NIGGLE_SHAPES);
      let start = addDays(anchor, -(k === 0 ? rng.int(35, 56) : rng.int(70, 140)));
      this.routine.cover(addDays(start, -7));
      const races = this.routine.allEvents().map((e) => e.date);
      const clashes = (s: LocalDate) =>
        races.some(
          (r) =>
            daysBetween(addDays(s, -3), r) >= 0 &&
            daysBetween(r, addDays(s, pains.length + 2)) >= 0,
        );
      while (clashes(start)) start = addDays(start, -7);
      niggles.push({ start, pains, part: rng.pick(NIGGLE_PARTS) });
      if (start < addDays(this.windowStart, -2)) return niggles;
      anchor = start;
    }
  }

  private painOn(date: LocalDate): PainState {
    for (const niggle of this.niggles) {
      const day = daysBetween(niggle.start, date);
      if (day >= 0 && day < niggle.pains.length) {
        return { pain: niggle.pains[day] ?? 0, niggle, day };
      }
    }
    const pain = rngFor(this.seed, 'pain', date).chance(0.26) ? 20 : 0;
    return { pain, niggle: null, day: 0 };
  }

  /** Whether the athlete wrote a journal entry that day (independent of what they did). */
  private journalled(date: LocalDate): boolean {
    if (date === this.instructionDate) return true;
    if (this.painOn(date).niggle) return true;
    if (this.routine.session(date).style === 'race') return true;
    return rngFor(this.seed, 'journal', date).chance(0.85);
  }

  /**
   * The routine's session, unless the athlete logged pain the day before: 60% or more and they
   * rest, 40% and they run easy and short (races and rest days stay as they are).
   */
  private intention(date: LocalDate): Intention {
    const cached = this.intentions.get(date);
    if (cached) return cached;
    const session = this.routine.session(date);
    const yesterday = addDays(date, -1);
    const pain = this.journalled(yesterday) ? this.painOn(yesterday) : null;
    const adaptable = session.style !== 'rest' && session.style !== 'race';
    const intention: Intention =
      pain?.niggle && adaptable && pain.pain >= 40
        ? {
            session: eased(date, pain.pain >= 60 ? 0 : Math.min(6, session.distanceKm)),
            eased: true,
          }
        : { session, eased: false };
    this.intentions.set(date, intention);
    return intention;
  }

  // ── the athlete's side ───────────────────────────────────────────────────

  /** What the athlete did on a past day (nothing yet for today or later). */
  private outcome(date: LocalDate): Outcome {
    const cached = this.outcomes.get(date);
    if (cached) return cached;
    const result = date >= this.end ? this.nothing() : this.simulateDay(date);
    this.outcomes.set(date, result);
    return result;
  }

  private nothing(): Outcome {
    return { kind: 'rest', reason: null, activities: [], commute: false };
  }

  private simulateDay(date: LocalDate): Outcome {
    const rng = rngFor(this.seed, 'outcome', date);
    const { session: s, eased: easedDay } = this.intention(date);
    const { pain } = this.painOn(date);
    // No unplanned sessions on rest days in the last fortnight: the demo athlete is not overdue a rest.
    const recent = daysBetween(date, this.today) <= 14;
    const weekday = daysBetween(mondayOf(date), date);

    let kind: OutcomeKind;
    let reason: Reason = null;
    if (s.style === 'race') {
      kind = 'race';
    } else if (s.style === 'rest') {
      kind =
        recent || pain >= 40 || easedDay
          ? 'rest'
          : rng.weighted<OutcomeKind>([
              ['rest', 0.94],
              ['extra_ride', 0.035],
              ['extra_run', 0.025],
            ]);
    } else if (pain >= 60) {
      kind = 'skipped';
      reason = 'niggle';
    } else if (pain >= 40 && rng.chance(0.5)) {
      kind = 'shorter';
      reason = 'niggle';
    } else {
      const long = s.style === 'long' || s.style === 'long_mp';
      const quality = s.style === 'tempo' || s.style === 'intervals' || s.style === 'hills';
      const easyish = RUN_STYLES.has(s.style);
      kind = rng.weighted<OutcomeKind>([
        ['skipped', long ? 0.02 : 0.045],
        ['easier', quality ? 0.05 : 0],
        ['ride_swap', easyish && s.style !== 'trail' ? 0.035 : 0],
        ['shorter', 0.04],
        ['longer', easyish || long ? 0.03 : 0],
        ['too_fast', easyish || s.style === 'long' ? 0.06 : 0],
        ['as_planned', 0.8],
      ]);
      if (kind === 'skipped') {
        reason = rng.weighted<Reason>([
          ['busy', 0.6],
          ['tired', 0.2],
          ['sick', 0.2],
        ]);
      } else if (kind === 'easier') {
        reason = 'tired';
      }
    }

    const activities: SimActivity[] = [];
    const run = (
      style: Exclude<SessionStyle, 'rest'>,
      km: number,
      name: string,
      tooFast = false,
    ) => {
      const sim = simulateActivity({
        rng,
        date,
        style,
        km,
        name,
        athlete: this.profile,
        thresholdPace: this.fitness.thresholdPace(date),
        heat: summerHeat(date, this.profile.timezone),
        tooFast,
        race:
          style === 'race' && s.race
            ? { event: s.race, finishSeconds: this.raceTime(s.race) }
            : undefined,
      });
      activities.push(sim);
      return sim;
    };
    const ride = (commute: boolean) =>
      activities.push(
        simulateActivity({
          rng,
          date,
          style: 'ride',
          km: 0,
          name: commute ? 'Bike commute' : 'Easy spin',
          athlete: this.profile,
          thresholdPace: this.fitness.thresholdPace(date),
          heat: summerHeat(date, this.profile.timezone),
          commute,
        }),
      );
    const planned = s.style as Exclude<SessionStyle, 'rest'>;
    switch (kind) {
      case 'race':
      case 'as_planned':
        run(planned, s.distanceKm, s.name);
        break;
      case 'too_fast':
        run(planned, s.distanceKm, s.name, true);
        break;
      case 'shorter':
        run(planned, s.distanceKm * rng.uniform(0.6, 0.8), s.name);
        break;
      case 'longer':
        run(planned, s.distanceKm * rng.uniform(1.15, 1.32), s.name);
        break;
      case 'easier':
        run('easy', Math.min(12, s.distanceKm * rng.uniform(0.7, 0.85)), 'Easy run');
        break;
      case 'extra_run':
        run('easy', rng.uniform(5, 9), 'Easy run');
        break;
      case 'ride_swap':
      case 'extra_ride':
        ride(false);
        break;
      case 'skipped':
      case 'rest':
        break;
    }

    // A handful of activities recorded without heart rate (flat watch, forgotten strap).
    for (const sim of activities) {
      if (sim.style !== 'race' && rng.chance(0.04)) {
        sim.data.averageHeartRate = null;
        sim.data.maxHeartRate = null;
        sim.data.perceivedEffort = sim.rpe;
      } else if (rng.chance(0.15)) {
        sim.data.perceivedEffort = sim.rpe;
      }
    }

    // The odd bike commute on top of an easy weekday (the run moves to the morning).
    const first = activities[0];
    const commute =
      first !== undefined &&
      weekday >= 1 &&
      weekday <= 4 &&
      RUN_STYLES.has(first.style) &&
      (kind === 'as_planned' || kind === 'shorter' || kind === 'too_fast') &&
      rng.chance(0.08);
    if (commute && first) {
      if (first.startMinute >= 12 * 60) first.startMinute = rng.int(5 * 60 + 40, 7 * 60);
      ride(true);
    }
    activities.sort((a, b) => a.startMinute - b.startMinute);
    return { kind, reason, activities, commute };
  }

  private raceTime(event: RaceEvent): number {
    const cached = this.raceTimes.get(event.date);
    if (cached !== undefined) return cached;
    const rng = rngFor(this.seed, 'race-time', event.date);
    const relaxed = event.priority === 'C' ? 1.01 : 1;
    const time = Math.round(
      this.fitness.predictTime(event.distanceMeters, event.date) * rng.normal(1, 0.012) * relaxed,
    );
    this.raceTimes.set(event.date, time);
    return time;
  }

  private journalEntry(date: LocalDate): GeneratedJournalEntry | null {
    if (!this.journalled(date)) return null;
    const rng = rngFor(this.seed, 'journal-entry', date);
    const painState = this.painOn(date);
    const isToday = date === this.end;
    const outcome = this.outcome(date);
    const week = this.routine.week(mondayOf(date));
    const yesterday = this.outcome(addDays(date, -1));
    const yMain = yesterday.activities[0];

    // Energy: lower after hard days and races, higher in easy weeks.
    let energy = 3.6 + rng.normal(0, 0.55);
    if (week.stage === 'taper' || week.stage === 'recovery') energy += 0.4;
    if (yMain && HARD.has(yMain.style)) energy -= 0.6;
    if (yMain?.style === 'race' && yMain.data.distanceMeters > 20_000) energy -= 1.2;
    if (yesterday.activities.length === 0) energy += 0.3;
    if (painState.pain >= 40) energy -= 0.6;
    if (outcome.reason === 'sick') energy -= 1.5;
    if (outcome.reason === 'tired') energy -= 1;
    const energyLevel = Math.min(5, Math.max(1, Math.round(energy)));

    const rpeScore =
      isToday || outcome.activities.length === 0
        ? null
        : Math.max(...outcome.activities.map((a) => a.rpe));

    let notes: string | null = null;
    if (date === this.instructionDate) {
      notes = INSTRUCTION_NOTE;
    } else if (painState.niggle) {
      notes = niggleNote(rng, painState.niggle.part, painState.day, painState.pain);
    } else if (isToday) {
      notes = rng.chance(0.3) ? pickNote(rng, 'morning') : null;
    } else if (outcome.kind === 'race' || rng.chance(0.5)) {
      notes = pickNote(rng, this.noteContext(outcome, yesterday, week.stage, painState.pain));
    }

    return { entryDate: date, energyLevel, rpeScore, painPercentage: painState.pain, notes };
  }

  private noteContext(
    outcome: Outcome,
    yesterday: Outcome,
    stage: string,
    pain: number,
  ): NoteContext {
    const main = outcome.activities[0];
    if (outcome.kind === 'race') return 'race';
    if (outcome.kind === 'skipped')
      return outcome.reason === 'sick' ? 'sick' : outcome.reason === 'tired' ? 'tired' : 'busy';
    if (outcome.kind === 'easier') return 'easier';
    if (outcome.kind === 'too_fast') return 'tooFast';
    if (main?.data.averageHeartRate === null) return 'noHeartRate';
    if (yesterday.kind === 'race') return 'dayAfterRace';
    if (pain === 20) return 'achy';
    if (!main) return stage === 'taper' ? 'taper' : 'rest';
    switch (main.style) {
      case 'long':
      case 'long_mp':
        return 'long';
      case 'tempo':
        return 'tempo';
      case 'intervals':
      case 'hills':
        return 'intervals';
      case 'recovery':
      case 'shakeout':
        return 'recovery';
      case 'trail':
        return 'trail';
      case 'ride':
        return 'ride';
      default:
        return stage === 'taper' ? 'taper' : 'easy';
    }
  }

  // ── races ────────────────────────────────────────────────────────────────

  private raceGoal(event: RaceEvent): GeneratedRaceGoal {
    const distance = formatRaceDistance(event.distanceMeters, this.profile.units);
    const notes =
      event.priority === 'A'
        ? event.kind === 'marathon'
          ? 'Goal race of the block. Even pacing, fuel every 30 min, save something for the last 10 km.'
          : 'Goal race of the block. Even splits, push over the last 5 km.'
        : event.priority === 'B'
          ? `Tune-up race (${distance}): rehearse pacing, shoes and race-morning routine.`
          : `Local ${distance} with the club, for fun and a bit of speed.`;
    return {
      name: event.name,
      raceDate: event.date,
      distanceMeters: event.distanceMeters,
      targetTimeSeconds: event.targetTimeSeconds,
      priority: event.priority,
      notes,
    };
  }

  private raceResult(event: RaceEvent): GeneratedRaceResult {
    const time = this.raceTime(event);
    const rng = rngFor(this.seed, 'race-notes', event.date);
    const target = event.targetTimeSeconds;
    let notes: string;
    if (target === null) notes = 'Club race, ran it for fun and a bit of speed.';
    else if (time < target * 0.99)
      notes = rng.pick([
        'Negative split and a PB, felt strong to the line.',
        'Beat the target, everything clicked.',
      ]);
    else if (time <= target * 1.01)
      notes = `Right on the ${formatRaceTime(target)} target, even pacing throughout.`;
    else
      notes = rng.pick([
        'Went out a bit fast and faded over the last quarter.',
        'Warm and windy; held on as best I could.',
      ]);
    return {
      name: event.name,
      raceDate: event.date,
      distanceMeters: event.distanceMeters,
      finishTimeSeconds: time,
      notes,
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface RosterEntry {
  profile: AthleteProfile;
  fitness: FitnessOptions;
}

/** A small, varied roster for benchmarks: different paces, volumes, hearts and timezones. */
const ROSTER: readonly RosterEntry[] = [
  { profile: { ...DEFAULT_PROFILE }, fitness: { ...DEFAULT_FITNESS } },
  {
    profile: {
      displayName: 'Maya Okafor',
      timezone: 'Europe/London',
      coachingSpectrum: 35,
      riskTolerance: 'conservative',
      units: 'metric',
      restingHeartRate: 52,
      maxHeartRate: 191,
      sex: 'female',
    },
    fitness: { thresholdPaceSecondsPerKm: 290, peakWeeklyKm: 60 },
  },
  {
    profile: {
      displayName: 'Jonas Lindqvist',
      timezone: 'Europe/Stockholm',
      coachingSpectrum: 85,
      riskTolerance: 'aggressive',
      units: 'metric',
      restingHeartRate: 44,
      maxHeartRate: 182,
      sex: 'male',
    },
    fitness: { thresholdPaceSecondsPerKm: 245, peakWeeklyKm: 95 },
  },
  {
    profile: {
      displayName: 'Dan Whitaker',
      timezone: 'America/New_York',
      coachingSpectrum: 20,
      riskTolerance: 'conservative',
      units: 'imperial',
      restingHeartRate: 58,
      maxHeartRate: 176,
      sex: 'male',
    },
    fitness: { thresholdPaceSecondsPerKm: 320, peakWeeklyKm: 45 },
  },
  {
    profile: {
      displayName: 'Aiko Tanaka',
      timezone: 'Asia/Tokyo',
      coachingSpectrum: 70,
      riskTolerance: 'balanced',
      units: 'metric',
      restingHeartRate: 46,
      maxHeartRate: 188,
      sex: 'female',
    },
    fitness: { thresholdPaceSecondsPerKm: 265, peakWeeklyKm: 75 },
  },
  {
    profile: {
      displayName: 'Liam Brennan',
      timezone: 'Australia/Sydney',
      coachingSpectrum: 90,
      riskTolerance: 'aggressive',
      units: 'metric',
      restingHeartRate: 50,
      maxHeartRate: 184,
      sex: 'male',
    },
    fitness: { thresholdPaceSecondsPerKm: 255, peakWeeklyKm: 85 },
  },
  {
    profile: {
      displayName: 'Sofia Marques',
      timezone: 'America/Los_Angeles',
      coachingSpectrum: 55,
      riskTolerance: 'balanced',
      units: 'imperial',
      restingHeartRate: 49,
      maxHeartRate: 190,
      sex: 'female',
    },
    fitness: { thresholdPaceSecondsPerKm: 280, peakWeeklyKm: 65 },
  },
  {
    profile: {
      displayName: 'Priya Raman',
      timezone: 'Asia/Kolkata',
      coachingSpectrum: 45,
      riskTolerance: 'balanced',
      units: 'metric',
      restingHeartRate: 55,
      maxHeartRate: 194,
      sex: 'female',
    },
    fitness: { thresholdPaceSecondsPerKm: 305, peakWeeklyKm: 50 },
  },
];

export interface GenerateAthletesOptions {
  today: LocalDate;
  days?: number;
  /** first athlete's seed; athlete i gets seed + i (default 1) */
  seed?: number;
}

/** `count` different athletes (seeds, profiles, timezones, fitness) sharing the same `today`. */
export function generateAthletes(
  count: number,
  options: GenerateAthletesOptions,
): AthleteHistory[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be ≥ 0: ${count}`);
  const baseSeed = options.seed ?? 1;
  return Array.from({ length: count }, (_, i) => {
    const entry = ROSTER[i % ROSTER.length] as RosterEntry;
    const round = Math.floor(i / ROSTER.length);
    const profile: AthleteProfile = {
      ...entry.profile,
      displayName:
        round === 0 ? entry.profile.displayName : `${entry.profile.displayName} ${round + 1}`,
    };
    return generateAthleteHistory({
      seed: baseSeed + i,
      today: options.today,
      days: options.days,
      profile,
      fitness: {
        ...entry.fitness,
        thresholdPaceSecondsPerKm:
          entry.fitness.thresholdPaceSecondsPerKm * (1 + 0.02 * (round % 3)),
      },
    });
  });
}
