/**
 * The training plan behind a generated history: race cycles (base → build → peak → taper
 * → race, recovery weeks in between), race events and a concrete session for every day.
 * Everything is a pure function of the seed and `today`, never of the history's length,
 * so a shorter history is exactly the tail of a longer one.
 */
import {
  addDays,
  daysBetween,
  formatPace,
  formatPaceRange,
  formatPlanDistance,
  formatRaceDistance,
  formatRaceTime,
  type LocalDate,
  mondayOf,
  type Units,
} from '@coach/metrics';
import { type Rng, rngFor } from './random';
import type { GeneratedWeeklyProgram, PlannedDay, WorkoutType } from './types';

export type Stage = GeneratedWeeklyProgram['stage'];
export type RaceKind = '5k' | '10k' | 'half' | 'marathon';
export type Priority = 'A' | 'B' | 'C';

export const RACE_METERS: Record<RaceKind, number> = {
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
  /** 0 = the current cycle (ends with the upcoming A race), 1 = the one before, … */
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

export interface Session {
  date: LocalDate;
  style: SessionStyle;
  workoutType: WorkoutType;
  /** the activity's name when done as planned */
  name: string;
  /** short label for text: "Tempo 3×2 km", "long run" */
  label: string;
  distanceKm: number;
  minutes: number;
  /** band for the main effort, seconds per km */
  paceRange: readonly [number, number] | null;
  hrCap: number | null;
  description: string;
  race: RaceEvent | null;
}

export interface WeekPlan {
  monday: LocalDate;
  stage: Stage;
  focus: string;
  /** a few words for rationales: "threshold work", "the taper" */
  theme: string;
  cycle: Cycle;
  weeksToRace: number;
  postRace: boolean;
  volumeKm: number;
  sessions: Session[];
}

export interface PlanContext {
  seed: number;
  today: LocalDate;
  units: Units;
  maxHeartRate: number;
  peakWeeklyKm: number;
  fitness: Fitness;
}

/** Fitness over time: threshold pace today, a little slower the further back. */
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

interface Workout {
  label: string;
  /** rep pace as a multiple of threshold pace; null = by effort */
  rep: number | null;
  recovery: string;
}

const INTERVALS: Record<'build' | 'peak' | 'taper', readonly Workout[]> = {
  build: [
    { label: 'Track 6×800 m', rep: 0.94, recovery: '400 m jog recoveries' },
    { label: '5×1 km', rep: 0.955, recovery: '2 min jog recoveries' },
    { label: '4×1200 m', rep: 0.96, recovery: '400 m jog recoveries' },
    { label: 'Track 8×400 m', rep: 0.9, recovery: '200 m jog recoveries' },
  ],
  peak: [
    { label: '6×1 km', rep: 0.96, recovery: '90 s jog recoveries' },
    { label: '3×2 km', rep: 0.975, recovery: '2 min jog recoveries' },
    { label: 'Track 6×800 m', rep: 0.94, recovery: '400 m jog recoveries' },
  ],
  taper: [
    { label: '5×1 km', rep: 0.96, recovery: '2 min jog recoveries' },
    { label: 'Track 6×400 m', rep: 0.91, recovery: '200 m jog recoveries' },
  ],
};

const HILLS: readonly Workout[] = [
  { label: 'Hill repeats 8×60 s', rep: null, recovery: 'jog back down' },
  { label: 'Fartlek 10×1 min', rep: null, recovery: '1 min easy between' },
];

const TEMPOS: Record<'base' | 'build' | 'peak' | 'taper', readonly Workout[]> = {
  base: [
    { label: 'Tempo 2×10 min', rep: 1, recovery: '2 min jog between' },
    { label: 'Tempo 20 min', rep: 1, recovery: 'continuous' },
  ],
  build: [
    { label: 'Tempo 3×2 km', rep: 1, recovery: '90 s jog between' },
    { label: 'Tempo 2×3 km', rep: 1, recovery: '2 min jog between' },
    { label: 'Tempo 25 min', rep: 1, recovery: 'continuous' },
  ],
  peak: [
    { label: 'Tempo 3×3 km', rep: 1, recovery: '2 min jog between' },
    { label: 'Tempo 30 min', rep: 1, recovery: 'continuous' },
  ],
  taper: [
    { label: 'Tempo 2×2 km', rep: 1, recovery: '90 s jog between' },
    { label: 'Tempo 15 min', rep: 1, recovery: 'continuous' },
  ],
};

/** Average pace of a whole session as a multiple of threshold pace (for planned minutes). */
const SESSION_PACE: Record<Exclude<SessionStyle, 'rest' | 'race'>, number> = {
  easy: 1.25,
  strides: 1.25,
  recovery: 1.36,
  long: 1.23,
  long_mp: 1.17,
  tempo: 1.04,
  intervals: 1.07,
  hills: 1.12,
  trail: 1.45,
  shakeout: 1.28,
};

const WORKOUT_TYPE: Record<SessionStyle, WorkoutType> = {
  rest: 'rest',
  easy: 'easy',
  strides: 'easy',
  recovery: 'recovery',
  long: 'long',
  long_mp: 'long',
  tempo: 'tempo',
  intervals: 'intervals',
  hills: 'intervals',
  trail: 'easy',
  shakeout: 'recovery',
  race: 'race',
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const halfKm = (km: number) => Math.round(km * 2) / 2;

export class TrainingPlan {
  readonly cycles: Cycle[] = [];
  private readonly weeks = new Map<LocalDate, WeekPlan>();
  private readonly trailPhase: number;

  constructor(private readonly ctx: PlanContext) {
    this.trailPhase = rngFor(ctx.seed, 'trail-phase').int(0, 2);
    const weeksAhead = rngFor(ctx.seed, 'a-race-weeks').int(3, 5);
    this.cycles.push(this.makeCycle(0, addDays(mondayOf(ctx.today), 7 * weeksAhead)));
    this.makeOlderCycle(); // there is always a past race, even for an empty history
  }

  get currentCycle(): Cycle {
    return this.cycles[0] as Cycle;
  }

  /** The upcoming A race. */
  get aRace(): RaceEvent {
    return this.currentCycle.events.find((e) => e.priority === 'A') as RaceEvent;
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
    while ((this.cycles[this.cycles.length - 1] as Cycle).start > monday) this.makeOlderCycle();
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

  /** A session of `style` and `km` on `date` in that week's context (for adapted days). */
  customSession(date: LocalDate, style: Exclude<SessionStyle, 'race'>, km: number): Session {
    const week = this.week(mondayOf(date));
    return this.makeSession(date, style, halfKm(km), {
      stage: week.stage,
      weeksToRace: week.weeksToRace,
      cycle: week.cycle,
      rng: rngFor(this.ctx.seed, 'custom-session', date),
      race: null,
      sharpen: false,
      racePace: this.ctx.fitness.thresholdPace(date),
    });
  }

  private makeOlderCycle(): void {
    const newest = this.cycles[this.cycles.length - 1] as Cycle;
    this.cycles.push(this.makeCycle(newest.index + 1, addDays(newest.start, -7)));
  }

  private cycleKind(index: number): Cycle['kind'] {
    return rngFor(this.ctx.seed, 'cycle-kind', index).chance(index === 0 ? 0.6 : 0.45)
      ? 'marathon'
      : 'half';
  }

  private makeCycle(index: number, raceWeek: LocalDate): Cycle {
    const { seed, fitness, today } = this.ctx;
    const rng = rngFor(seed, 'cycle', index);
    const kind = this.cycleKind(index);
    const lengthWeeks = kind === 'marathon' ? rng.int(18, 22) : rng.int(14, 16);
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
    const bWeeks = rng.pick([3, 4, 5, 6].filter((b) => index > 0 || b !== weeksAhead + 1));
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

  private cycleFor(monday: LocalDate): Cycle {
    if (monday > this.currentCycle.raceWeek) {
      throw new RangeError(`no plan after the A race week (${this.currentCycle.raceWeek})`);
    }
    this.cover(monday);
    return this.cycles.find((c) => c.start <= monday) as Cycle;
  }

  private previousRace(cycle: Cycle): RaceEvent {
    if (!this.cycles[cycle.index + 1]) this.makeOlderCycle();
    const older = this.cycles[cycle.index + 1] as Cycle;
    return older.events.find((e) => e.priority === 'A') as RaceEvent;
  }

  private buildWeek(monday: LocalDate): WeekPlan {
    const cycle = this.cycleFor(monday);
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
    const dayName = (date: LocalDate) => (daysBetween(monday, date) === 5 ? 'Saturday' : 'Sunday');

    let focus: string;
    let theme: string;
    if (w === 0) {
      focus = `Race week: ${aRace.name} on Sunday, arrive fresh and sharp`;
      theme = 'race week';
    } else if (race?.priority === 'B') {
      focus = `Tune-up race: ${race.name} on ${dayName(race.date)}, run it as a hard effort`;
      theme = 'the tune-up race';
    } else if (postRace) {
      focus = `Recovery after the ${this.previousRace(cycle).name}: easy running only`;
      theme = 'post-race recovery';
    } else if (stage === 'taper') {
      focus = rng.pick([
        `Taper for the ${aRace.name}: cut volume, keep a little intensity`,
        `Taper: less running, same rhythm, fresh legs for the ${aRace.name}`,
      ]);
      theme = 'the taper';
    } else if (stage === 'peak') {
      const pace = cycle.kind === 'marathon' ? 'marathon' : 'half-marathon';
      focus = rng.pick([
        `Race-specific: ${pace}-pace long run and sharp intervals`,
        `Peak block: biggest long run and ${pace}-pace rhythm`,
      ]);
      theme = 'race-specific work';
    } else if (stage === 'recovery') {
      focus = rng.pick([
        'Recovery week: lower volume to absorb the last block',
        'Down week: fewer kilometres, no hard sessions, sleep well',
      ]);
      theme = 'recovery';
    } else if (stage === 'build') {
      focus = rng.pick([
        'Threshold and VO2max sessions while the long run grows',
        'Lift the long run and hold quality at threshold',
      ]);
      theme = 'threshold and VO2max work';
    } else {
      focus = rng.pick([
        'Aerobic base: easy volume, strides and one steady tempo',
        'Build the aerobic engine; keep easy days truly easy',
      ]);
      theme = 'aerobic base';
    }
    if (race?.priority === 'C') focus += `; ${race.name} on ${dayName(race.date)} for fun`;

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
    const racePace = (event: RaceEvent) =>
      (event.targetTimeSeconds ?? this.ctx.fitness.predictTime(event.distanceMeters, event.date)) /
      (event.distanceMeters / 1000);

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
      return this.makeSession(date, style, style === 'race' ? km : halfKm(km), {
        stage,
        weeksToRace: w,
        cycle,
        rng,
        race: event ?? null,
        sharpen: w === 0 || race?.priority === 'B',
        racePace: racePace(event ?? race ?? aRace),
      });
    });

    return {
      monday,
      stage,
      focus,
      theme,
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
    opts: {
      stage: Stage;
      weeksToRace: number;
      cycle: Cycle;
      rng: Rng;
      race: RaceEvent | null;
      /** race-pace sharpener instead of intervals (race weeks) */
      sharpen: boolean;
      racePace: number;
    },
  ): Session {
    const { units, maxHeartRate, fitness } = this.ctx;
    const p = fitness.thresholdPace(date);
    const dist = formatPlanDistance(km, units);
    const band = (lo: number, hi: number) => formatPaceRange(p * lo, p * hi, units);
    const cap = (fraction: number) => Math.round(maxHeartRate * fraction);
    const workoutType = WORKOUT_TYPE[style];
    const minutes = style === 'rest' || style === 'race' ? 0 : (km * p * SESSION_PACE[style]) / 60;
    const base = {
      date,
      style,
      workoutType,
      distanceKm: km,
      minutes: Math.round(minutes),
      race: null,
    };
    const racePaceLabel = opts.cycle.kind === 'marathon' ? 'marathon pace' : 'half-marathon pace';
    switch (style) {
      case 'rest':
        return {
          ...base,
          name: 'Rest',
          label: 'rest day',
          paceRange: null,
          hrCap: null,
          description: opts.rng.pick([
            'Rest day: no running; 15 min of easy mobility if you like',
            'Rest day: full rest, walk if you want to move',
            'Rest day: no training, focus on sleep and food',
          ]),
        };
      case 'easy':
        return {
          ...base,
          name: 'Easy run',
          label: 'easy run',
          paceRange: [p * 1.21, p * 1.29],
          hrCap: cap(0.76),
          description: `${dist} easy at ${band(1.21, 1.29)}, HR under ${cap(0.76)}`,
        };
      case 'strides':
        return {
          ...base,
          name: 'Easy run + strides',
          label: 'easy run with strides',
          paceRange: [p * 1.21, p * 1.29],
          hrCap: cap(0.76),
          description: `${dist} easy at ${band(1.21, 1.29)} with 6×20 s strides at the end, HR under ${cap(0.76)}`,
        };
      case 'recovery':
        return {
          ...base,
          name: 'Recovery run',
          label: 'recovery run',
          paceRange: [p * 1.31, p * 1.4],
          hrCap: cap(0.71),
          description: `${dist} recovery run at ${band(1.31, 1.4)}, HR under ${cap(0.71)}`,
        };
      case 'shakeout':
        return {
          ...base,
          name: 'Shakeout run',
          label: 'shakeout',
          paceRange: [p * 1.24, p * 1.32],
          hrCap: cap(0.72),
          description: `${dist} shakeout at ${band(1.24, 1.32)} with 4 relaxed strides`,
        };
      case 'long':
        return {
          ...base,
          name: 'Long run',
          label: 'long run',
          paceRange: [p * 1.19, p * 1.27],
          hrCap: cap(0.8),
          description: `${dist} long run at ${band(1.19, 1.27)}, HR under ${cap(0.8)}; take fuel every 40 min`,
        };
      case 'long_mp': {
        const fastKm = Math.min(10, Math.round(km * 0.3));
        const rp = opts.racePace;
        return {
          ...base,
          name:
            opts.cycle.kind === 'marathon' ? 'Long run with MP finish' : 'Long run with HMP finish',
          label: `long run with a ${racePaceLabel} finish`,
          paceRange: [p * 1.19, p * 1.27],
          hrCap: cap(0.86),
          description: `${dist} long run: easy at ${band(1.19, 1.27)}, last ${formatPlanDistance(fastKm, units)} at ${racePaceLabel} (${formatPaceRange(rp - 3, rp + 3, units)})`,
        };
      }
      case 'tempo': {
        const pool = TEMPOS[opts.stage === 'recovery' ? 'base' : opts.stage];
        const t = opts.rng.pick(pool);
        return {
          ...base,
          name: t.label,
          label: t.label,
          paceRange: [p * 0.98, p * 1.02],
          hrCap: null,
          description: `${dist} with ${t.label} at ${band(0.98, 1.02)} (${t.recovery}), easy warm-up and cool-down`,
        };
      }
      case 'hills': {
        const t = opts.rng.pick(HILLS);
        return {
          ...base,
          name: t.label,
          label: t.label,
          paceRange: null,
          hrCap: null,
          description: `${dist} with ${t.label} at a hard but controlled effort (${t.recovery}), easy warm-up and cool-down`,
        };
      }
      case 'intervals': {
        if (opts.sharpen) {
          const rp = opts.racePace;
          return {
            ...base,
            name: 'Sharpener 4×1 km',
            label: 'Sharpener 4×1 km',
            paceRange: [rp - 5, rp + 5],
            hrCap: null,
            description: `${dist} with Sharpener 4×1 km at race pace (${formatPaceRange(rp - 5, rp + 5, units)}, 2 min jog recoveries), easy warm-up and cool-down`,
          };
        }
        const key = opts.stage === 'peak' ? 'peak' : opts.stage === 'taper' ? 'taper' : 'build';
        const t = opts.rng.pick(INTERVALS[key]);
        const rep = t.rep ?? 0.95;
        return {
          ...base,
          name: t.label,
          label: t.label,
          paceRange: [p * (rep - 0.01), p * (rep + 0.01)],
          hrCap: null,
          description: `${dist} with ${t.label} at ${band(rep - 0.01, rep + 0.01)} (${t.recovery}), 3 km warm-up and 2 km cool-down`,
        };
      }
      case 'trail':
        return {
          ...base,
          name: 'Trail run',
          label: 'trail run',
          paceRange: null,
          hrCap: cap(0.8),
          description: `Trail run ${dist} on hilly terrain, easy by effort: HR under ${cap(0.8)}, walk the steep climbs`,
        };
      case 'race': {
        const event = opts.race as RaceEvent;
        const target = event.targetTimeSeconds;
        const meters = event.distanceMeters;
        const plan =
          target === null
            ? 'no time target: run it hard but relaxed and enjoy it'
            : `target ${formatRaceTime(target)} (${formatPace(target / (meters / 1000), units)}): start controlled, push over the last quarter`;
        const predicted = target ?? fitness.predictTime(meters, date);
        return {
          ...base,
          race: event,
          minutes: Math.round(predicted / 60),
          name: event.name,
          label: event.name,
          paceRange: [predicted / (meters / 1000) - 5, predicted / (meters / 1000) + 5],
          hrCap: null,
          description: `Race: ${event.name} (${formatRaceDistance(meters, units)}), ${plan}`,
        };
      }
    }
  }
}

/** The plan's week as the output type. */
export function toWeeklyProgram(week: WeekPlan): GeneratedWeeklyProgram {
  return {
    weekStart: week.monday,
    stage: week.stage,
    focus: week.focus,
    days: week.sessions.map(
      (s): PlannedDay => ({
        date: s.date,
        workoutType: s.workoutType,
        description: s.description,
        plannedDistanceMeters: Math.round(s.distanceKm * 1000),
        plannedMinutes: s.minutes,
      }),
    ),
  };
}
