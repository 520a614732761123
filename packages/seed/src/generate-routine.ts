/**
 * The generated athlete's own training routine: race cycles (base → build → peak → taper → race,
 * recovery weeks in between), race events and what the athlete means to run each day. It is what
 * the athlete does, not coaching: the engines plan and prescribe from the data it leaves.
 * Everything is a pure function of the seed and `today`, never of the history's length, so a
 * shorter history is exactly the tail of a longer one; cycles continue past `today` as far as asked.
 */
import { addDays, daysBetween, type LocalDate, mondayOf } from '@coach/metrics';
import { type Rng, rngFor } from './random';

type Stage = 'base' | 'build' | 'peak' | 'taper' | 'recovery';
type RaceKind = '5k' | '10k' | 'half' | 'marathon';
type Priority = 'A' | 'B' | 'C';

const RACE_METERS: Record<RaceKind, number> = {
  '5k': 5000,
  '10k': 10_000,
  half: 21_097.5,
  marathon: 42_195,
};

export interface RaceEvent {
  date: LocalDate;
  name: string;
  kind: RaceKind;
  distanceMeters: number;
  priority: Priority;
  cycleIndex: number;
  /** what the athlete aims for, from the fitness they had when they set the goal */
  targetTimeSeconds: number | null;
}

export interface Cycle {
  /** 0 = the cycle of the A race after `today`, 1 = the one before, −1 = the one after, … */
  index: number;
  kind: 'marathon' | 'half';
  /** Monday of the A race week */
  raceWeek: LocalDate;
  /** Monday of the first week (right after the previous cycle's race week) */
  start: LocalDate;
  lengthWeeks: number;
  postRaceWeeks: number;
  taperWeeks: number;
  recoveryEvery: number;
  peakKm: number;
  events: RaceEvent[];
}

export type SessionStyle =
  | 'rest'
  | 'easy'
  | 'strides'
  | 'recovery'
  | 'long'
  | 'long_mp'
  | 'tempo'
  | 'intervals'
  | 'hills'
  | 'trail'
  | 'shakeout'
  | 'race';

/** What the athlete means to run that day. */
export interface Session {
  date: LocalDate;
  style: SessionStyle;
  /** the activity's name when done */
  name: string;
  distanceKm: number;
  race: RaceEvent | null;
}

export interface WeekPlan {
  monday: LocalDate;
  stage: Stage;
  cycle: Cycle;
  weeksToRace: number;
  postRace: boolean;
  volumeKm: number;
  sessions: Session[];
}

export interface RoutineContext {
  seed: number;
  today: LocalDate;
  peakWeeklyKm: number;
  fitness: Fitness;
}

/** Fitness over time: threshold pace today, a little slower the further back, steady after. */
export interface Fitness {
  thresholdPace(date: LocalDate): number;
  predictTime(meters: number, date: LocalDate): number;
}

export function makeFitness(thresholdPaceToday: number, today: LocalDate): Fitness {
  const thresholdPace = (date: LocalDate) => {
    const daysBack = Math.max(0, daysBetween(date, today));
    return thresholdPaceToday * (1 + 0.045 * (1 - Math.exp(-daysBack / 180)));
  };
  return {
    thresholdPace,
    predictTime: (meters, date) => {
      // 10 km a little faster than threshold pace, then Riegel (steeper for the marathon).
      const tenK = 10 * 0.97 * thresholdPace(date);
      return tenK * (meters / 10_000) ** (meters > 30_000 ? 1.07 : 1.06);
    },
  };
}

const RACE_NAMES: Record<RaceKind, readonly string[]> = {
  marathon: [
    'Riverside Marathon',
    'Lakeshore Marathon',
    'Harvest Moon Marathon',
    'Canyon Country Marathon',
    'Capital City Marathon',
    'Foothills Marathon',
  ],
  half: [
    'Spring Classic Half Marathon',
    'Bridges Half Marathon',
    'Valley Half Marathon',
    'Old Town Half Marathon',
    'Reservoir Half Marathon',
  ],
  '10k': ['Turkey Trot 10K', 'Parkway 10K', 'Harbour Lights 10K', 'Summer Solstice 10K'],
  '5k': ['Parkside 5K', 'Club Championship 5K', 'Downtown 5K', 'Pumpkin Run 5K'],
};

/** What the athlete's watch calls a session of each style (a few workouts draw from a list). */
const WORKOUT_NAMES: Record<'tempo' | 'intervals' | 'hills', readonly string[]> = {
  tempo: ['Tempo 20 min', 'Tempo 3×2 km', 'Tempo 2×3 km', 'Tempo 30 min', 'Tempo 3×3 km'],
  intervals: ['Track 6×800 m', '5×1 km', '4×1200 m', 'Track 8×400 m', '6×1 km', '3×2 km'],
  hills: ['Hill repeats 8×60 s', 'Fartlek 10×1 min'],
};

const SESSION_NAMES: Record<
  Exclude<SessionStyle, 'tempo' | 'intervals' | 'hills' | 'race'>,
  string
> = {
  rest: 'Rest',
  easy: 'Easy run',
  strides: 'Easy run + strides',
  recovery: 'Recovery run',
  long: 'Long run',
  long_mp: 'Long run with race-pace finish',
  trail: 'Trail run',
  shakeout: 'Shakeout run',
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const halfKm = (km: number) => Math.round(km * 2) / 2;

export class TrainingRoutine {
  /** every cycle built so far, newest first (the index falls from the newest to the oldest) */
  private readonly cycles: Cycle[] = [];
  private readonly weeks = new Map<LocalDate, WeekPlan>();
  private readonly trailPhase: number;

  constructor(private readonly ctx: RoutineContext) {
    this.trailPhase = rngFor(ctx.seed, 'trail-phase').int(0, 2);
    const weeksAhead = rngFor(ctx.seed, 'a-race-weeks').int(3, 5);
    this.cycles.push(this.makeCycle(0, { raceWeek: addDays(mondayOf(ctx.today), 7 * weeksAhead) }));
    this.makeOlderCycle(); // there is always a past race, even for an empty history
  }

  /** The cycle `date` lies in, built backwards or forwards as needed. */
  cycleOf(date: LocalDate): Cycle {
    const monday = mondayOf(date);
    this.cover(monday);
    while ((this.cycles[0] as Cycle).raceWeek < monday) this.makeNewerCycle();
    return this.cycles.find((c) => c.start <= monday) as Cycle;
  }

  /** Every race of every cycle built so far, oldest first. */
  allEvents(): RaceEvent[] {
    return this.cycles
      .flatMap((c) => c.events)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** Builds older cycles until `date` lies inside one. */
  cover(date: LocalDate): void {
    const monday = mondayOf(date);
    while (this.oldest.start > monday) this.makeOlderCycle();
  }

  week(monday: LocalDate): WeekPlan {
    const cached = this.weeks.get(monday);
    if (cached) return cached;
    const built = this.buildWeek(monday);
    this.weeks.set(monday, built);
    return built;
  }

  session(date: LocalDate): Session {
    const week = this.week(mondayOf(date));
    return week.sessions[daysBetween(week.monday, date)] as Session;
  }

  private get oldest(): Cycle {
    return this.cycles[this.cycles.length - 1] as Cycle;
  }

  private makeOlderCycle(): void {
    const oldest = this.oldest;
    this.cycles.push(this.makeCycle(oldest.index + 1, { raceWeek: addDays(oldest.start, -7) }));
  }

  private makeNewerCycle(): void {
    const newest = this.cycles[0] as Cycle;
    this.cycles.unshift(this.makeCycle(newest.index - 1, { start: addDays(newest.raceWeek, 7) }));
  }

  private cycleKind(index: number): Cycle['kind'] {
    return rngFor(this.ctx.seed, 'cycle-kind', index).chance(index === 0 ? 0.6 : 0.45)
      ? 'marathon'
      : 'half';
  }

  /** A cycle placed by its race week (going back in time) or its first week (going forward). */
  private makeCycle(index: number, at: { raceWeek: LocalDate } | { start: LocalDate }): Cycle {
    const { seed, fitness, today } = this.ctx;
    const rng = rngFor(seed, 'cycle', index);
    const kind = this.cycleKind(index);
    const lengthWeeks = kind === 'marathon' ? rng.int(18, 22) : rng.int(14, 16);
    const raceWeek = 'raceWeek' in at ? at.raceWeek : addDays(at.start, 7 * (lengthWeeks - 1));
    const postRaceWeeks = this.cycleKind(index + 1) === 'marathon' ? 2 : 1;
    const taperWeeks = kind === 'marathon' ? 2 : 1;
    const peakKm =
      this.ctx.peakWeeklyKm *
      (kind === 'half' ? 0.86 : 1) *
      (index === 0 ? 1 : rng.uniform(0.88, 1));
    const name = (k: RaceKind, p: Priority) =>
      rngFor(seed, 'race-name', index, p).pick(RACE_NAMES[k]);
    const aDate = addDays(raceWeek, 6);
    // Goals are set months ahead: the target assumes a little more fitness than the athlete had then.
    const goalDate = index === 0 ? today : addDays(aDate, -42);
    const aKind: RaceKind = kind;
    const aPredicted = fitness.predictTime(RACE_METERS[aKind], goalDate) * 0.99;
    const step = aKind === 'marathon' ? 300 : 60;
    const events: RaceEvent[] = [
      {
        date: aDate,
        name: name(aKind, 'A'),
        kind: aKind,
        distanceMeters: RACE_METERS[aKind],
        priority: 'A',
        cycleIndex: index,
        targetTimeSeconds: Math.round(aPredicted / step) * step,
      },
    ];
    // For the current cycle, keep the tune-up race out of the seven days before today: today
    // reads as a normal training day rather than the day after a race.
    const weeksAhead = daysBetween(mondayOf(today), raceWeek) / 7;
    const bWeeks = rng.pick([3, 4, 5, 6].filter((b) => index !== 0 || b !== weeksAhead + 1));
    const bKind: RaceKind = kind === 'marathon' ? 'half' : '10k';
    const bDate = addDays(raceWeek, 6 - 7 * bWeeks);
    events.push({
      date: bDate,
      name: name(bKind, 'B'),
      kind: bKind,
      distanceMeters: RACE_METERS[bKind],
      priority: 'B',
      cycleIndex: index,
      targetTimeSeconds:
        Math.round(fitness.predictTime(RACE_METERS[bKind], addDays(bDate, -28)) / 60) * 60,
    });
    const cWeeks = bWeeks + rng.int(3, 4);
    if (cWeeks <= lengthWeeks - postRaceWeeks - 2) {
      const cKind: RaceKind = kind === 'marathon' && rng.chance(0.5) ? '10k' : '5k';
      events.push({
        date: addDays(raceWeek, 5 - 7 * cWeeks),
        name: name(cKind, 'C'),
        kind: cKind,
        distanceMeters: RACE_METERS[cKind],
        priority: 'C',
        cycleIndex: index,
        targetTimeSeconds: null,
      });
    }
    return {
      index,
      kind,
      raceWeek,
      start: addDays(raceWeek, -7 * (lengthWeeks - 1)),
      lengthWeeks,
      postRaceWeeks,
      taperWeeks,
      recoveryEvery: rng.pick([3, 4]),
      peakKm,
      events,
    };
  }

  private buildWeek(monday: LocalDate): WeekPlan {
    const cycle = this.cycleOf(monday);
    const rng = rngFor(this.ctx.seed, 'week', monday);
    const w = daysBetween(monday, cycle.raceWeek) / 7;
    const i = daysBetween(cycle.start, monday) / 7;
    const { taperWeeks, postRaceWeeks, peakKm } = cycle;
    const prePeak = cycle.lengthWeeks - postRaceWeeks - taperWeeks - 3; // load weeks before peak
    const buildWeeks = Math.ceil(prePeak * 0.5);
    const v0 = 0.57 * peakKm;
    const postRace = i < postRaceWeeks && w > 0;

    let stage: Stage;
    let volume: number;
    if (w === 0) {
      stage = 'taper';
      volume = 0.3 * peakKm;
    } else if (postRace) {
      stage = 'recovery';
      volume = (i === 0 && postRaceWeeks > 1 ? 0.35 : 0.55) * peakKm;
    } else if (w <= taperWeeks) {
      stage = 'taper';
      volume = (w === 1 ? (cycle.kind === 'marathon' ? 0.6 : 0.65) : 0.78) * peakKm;
    } else if (w <= taperWeeks + 2) {
      stage = 'peak';
      volume = (w === taperWeeks + 1 ? 1 : 0.97) * peakKm;
    } else {
      const wp = w - taperWeeks - 2;
      const frac = clamp((i - postRaceWeeks) / Math.max(1, prePeak - 1), 0, 1);
      volume = v0 + (0.93 * peakKm - v0) * frac;
      const recovery = wp % cycle.recoveryEvery === 0 && i !== postRaceWeeks;
      stage = recovery ? 'recovery' : wp <= buildWeeks ? 'build' : 'base';
      if (recovery) volume *= 0.72;
    }

    const aRace = cycle.events.find((e) => e.priority === 'A') as RaceEvent;
    const weekEnd = addDays(monday, 6);
    const race =
      cycle.events.find((e) => e.priority !== 'A' && e.date >= monday && e.date <= weekEnd) ?? null;

    // Day by day, Monday first.
    // A trail run on about every third Saturday outside the peak and taper.
    const weekNumber = Math.floor(daysBetween('2000-01-03', monday) / 7);
    const trailWeek = (((weekNumber + this.trailPhase) % 3) + 3) % 3 === 0;
    const sat: SessionStyle =
      stage === 'peak' ? (rng.chance(0.15) ? 'trail' : 'easy') : trailWeek ? 'trail' : 'easy';
    let styles: SessionStyle[];
    if (w === 0 || race?.priority === 'B') {
      styles = ['rest', 'intervals', 'easy', 'strides', 'rest', 'shakeout', 'race'];
    } else if (postRace) {
      styles =
        i === 0 && postRaceWeeks > 1
          ? ['rest', 'rest', 'recovery', 'easy', 'rest', 'easy', 'easy']
          : ['rest', 'easy', 'easy', 'strides', 'rest', 'easy', 'long'];
    } else if (stage === 'recovery') {
      styles = ['rest', 'easy', 'recovery', 'strides', 'rest', sat, 'long'];
    } else if (stage === 'base') {
      styles = [
        'rest',
        rng.chance(0.5) ? 'hills' : 'strides',
        'easy',
        'tempo',
        'rest',
        sat,
        'long',
      ];
    } else if (stage === 'build') {
      const friday = volume >= 0.78 * peakKm ? 'recovery' : 'rest';
      styles = ['rest', 'intervals', 'easy', 'tempo', friday, sat, 'long'];
    } else if (stage === 'peak') {
      styles = ['rest', 'intervals', 'easy', 'tempo', 'recovery', sat, 'long'];
      if (w === taperWeeks + 2) styles[6] = 'long_mp';
    } else {
      styles = ['rest', 'intervals', 'easy', 'tempo', 'rest', 'easy', 'long'];
    }
    if (race?.priority === 'C') {
      styles[5] = 'race';
      styles[4] = 'rest';
      if (styles[3] === 'tempo') styles[3] = 'easy';
    }
    if (race?.priority === 'B') volume *= 0.75;
    // The Tuesday after a Sunday tune-up race is easy, not intervals.
    const afterTuneUp = cycle.events.some(
      (e) => e.priority === 'B' && e.date === addDays(monday, -1),
    );
    if (afterTuneUp && (styles[1] === 'intervals' || styles[1] === 'hills')) styles[1] = 'easy';

    // Kilometres: the long run first, then the rest of the week by weight.
    const progress = clamp((volume - v0) / (peakKm - v0), 0, 1);
    const longCap = cycle.kind === 'marathon' ? 32 : 22;
    const longShare = cycle.kind === 'marathon' ? 0.36 + 0.08 * progress : 0.32 + 0.05 * progress;
    let longKm = clamp(volume * (postRace ? 0.3 : longShare), 10, longCap);
    if (race?.priority === 'C') longKm *= 0.8;
    const weight: Partial<Record<SessionStyle, [number, number, number]>> = {
      intervals: [1.25, 7, 13],
      hills: [1.1, 7, 11],
      tempo: [1.3, 7, 15],
      easy: [1, 5, 14],
      strides: [1, 5, 12],
      recovery: [0.65, 4, 8],
      trail: [1.15, 8, 18],
    };
    const raceKm = race ? race.distanceMeters / 1000 : 0;
    let fixed = 0;
    let weights = 0;
    for (const style of styles) {
      if (style === 'long' || style === 'long_mp') fixed += longKm;
      else if (style === 'shakeout') fixed += 4;
      else if (style === 'race') fixed += w === 0 ? 0 : raceKm;
      else weights += weight[style]?.[0] ?? 0;
    }
    const perWeight = weights > 0 ? Math.max(0, volume - fixed) / weights : 0;
    const sessions = styles.map((style, d): Session => {
      const date = addDays(monday, d);
      const spec = weight[style];
      let km = 0;
      if (style === 'long' || style === 'long_mp') km = longKm;
      else if (style === 'shakeout') km = 4;
      else if (style === 'race') {
        km = (cycle.events.find((e) => e.date === date) ?? aRace).distanceMeters / 1000;
      } else if (spec) km = clamp(perWeight * spec[0], spec[1], spec[2]);
      const event =
        style === 'race' ? (cycle.events.find((e) => e.date === date) ?? aRace) : undefined;
      return this.makeSession(date, style, style === 'race' ? km : halfKm(km), rng, event ?? null);
    });

    return {
      monday,
      stage,
      cycle,
      weeksToRace: w,
      postRace,
      volumeKm: volume,
      sessions,
    };
  }

  private makeSession(
    date: LocalDate,
    style: SessionStyle,
    km: number,
    rng: Rng,
    race: RaceEvent | null,
  ): Session {
    const name =
      style === 'race'
        ? (race as RaceEvent).name
        : style === 'tempo' || style === 'intervals' || style === 'hills'
          ? rng.pick(WORKOUT_NAMES[style])
          : SESSION_NAMES[style];
    return { date, style, name, distanceKm: km, race };
  }
}

/** An easy run of `km` on `date`, or a rest day: what the athlete does instead when something hurts. */
export function eased(date: LocalDate, km: number): Session {
  return km > 0
    ? { date, style: 'easy', name: SESSION_NAMES.easy, distanceKm: halfKm(km), race: null }
    : { date, style: 'rest', name: SESSION_NAMES.rest, distanceKm: 0, race: null };
}
