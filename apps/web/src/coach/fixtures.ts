// Sample API answers for the section tests, typed as the API returns them.
import type {
  AcwrPoint,
  CurrentMetrics,
  JournalEntry,
  LatestAutopsy,
  RaceGoal,
  RaceResult,
  Settings,
  TodaysWorkout,
  WeekProgram,
} from './types';

export const metrics: CurrentMetrics = {
  date: '2026-11-25',
  asOf: 'today',
  upToDate: true,
  externalAcwr: 1.12,
  internalAcwr: 1.37,
  externalAcwrEwma: 1.1,
  internalAcwrEwma: 1.3,
  normalizedDivergence: -0.201,
  daysSinceRest: 3,
  externalLoad: 6.2,
  internalLoad: 80.1,
  externalAcuteLoad: 5.1,
  externalChronicLoad: 4.6,
  internalAcuteLoad: 70.2,
  internalChronicLoad: 51.3,
  riskTolerance: 'balanced',
  thresholds: {
    acwrHighRisk: 1.3,
    maxDaysWithoutRest: 7,
    divergenceOvertraining: -0.15,
    divergenceCaution: -0.05,
    undertrainingAcwr: 0.8,
  },
  optimalZone: { min: 0.8, max: 1.3 },
  dangerZone: 1.5,
  assessment: {
    status: 'overtraining',
    reasons: ['Normalized divergence -0.20 is at or below your overtraining threshold -0.15.'],
  },
  statusText: 'Your body is struggling with the load: back off and recover.',
  disclaimer:
    'ACWR is a guide to how fast your load is changing, not an injury prediction or a diagnosis.',
  historyDays: 180,
};

export function series(days: number, start = '2026-09-01'): AcwrPoint[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => ({
    date: new Date(first + i * 86_400_000).toISOString().slice(0, 10),
    externalAcwr: i < 3 ? null : Number((0.9 + (i % 10) * 0.03).toFixed(2)),
    internalAcwr: i < 3 ? null : Number((0.95 + (i % 7) * 0.04).toFixed(2)),
    externalAcwrEwma: null,
    internalAcwrEwma: null,
    normalizedDivergence: null,
    externalLoad: 5,
    internalLoad: 60,
  }));
}

export const todaysWorkout: TodaysWorkout = {
  date: '2026-11-25',
  source: 'recommendation',
  workoutType: 'easy',
  prescribedWorkout: 'Easy 40 minutes, conversational pace, heart rate under 145.',
  rationale: 'Your internal strain is running ahead of the work: keep today easy.',
  narrative: null,
  planned: {
    workoutType: 'tempo',
    description: 'Tempo 3×2 km at threshold pace',
    plannedDistanceMeters: 10000,
    plannedMinutes: 55,
  },
};

export const autopsy: LatestAutopsy = {
  date: '2026-11-24',
  alignmentScore: 7,
  prescribedAction: 'Long run 24 km, easy',
  actualActivities: 'Long run 25.3 km at 5:20/km',
  analysis: 'A touch long and a little quick in the last 5 km, but the intent was right.',
  narrative: null,
};

const day = (
  date: string,
  weekday: WeekProgram['days'][number]['weekday'],
  workoutType: string,
  description: string,
  km: number,
  minutes: number,
  flags: { isToday?: boolean; done?: boolean } = {},
) => ({
  date,
  weekday,
  workoutType,
  description,
  plannedDistanceMeters: km * 1000,
  plannedMinutes: minutes,
  isToday: flags.isToday ?? false,
  done: flags.done ?? false,
});

export const week: WeekProgram = {
  weekStart: '2026-11-23',
  stage: 'build',
  focus: 'Threshold work and a long run with marathon-pace blocks',
  days: [
    day('2026-11-23', 'Monday', 'rest', 'Rest day', 0, 0, { done: false }),
    day('2026-11-24', 'Tuesday', 'long', 'Long run, easy', 24, 130, { done: true }),
    day('2026-11-25', 'Wednesday', 'tempo', 'Tempo 3×2 km', 10, 55, { isToday: true }),
    day('2026-11-26', 'Thursday', 'easy', 'Easy run with strides', 8, 45),
    day('2026-11-27', 'Friday', 'recovery', 'Recovery jog', 5, 30),
    day('2026-11-28', 'Saturday', 'intervals', 'Hill repeats 8×60 s', 9, 50),
    day('2026-11-29', 'Sunday', 'long', 'Long run with 3×3 km at marathon pace', 26, 140),
  ],
};

export const raceGoals: RaceGoal[] = [
  {
    id: 1,
    name: 'City 10K',
    raceDate: '2026-11-28',
    distanceMeters: 10000,
    targetTimeSeconds: 2580,
    priority: 'C',
    notes: null,
    daysToGo: 3,
  },
  {
    id: 2,
    name: 'Valencia Marathon',
    raceDate: '2027-01-09',
    distanceMeters: 42195,
    targetTimeSeconds: 11700,
    priority: 'A',
    notes: 'Goal: negative split.',
    daysToGo: 45,
  },
];

export const raceResults: RaceResult[] = [
  {
    id: 7,
    name: 'Autumn Half',
    raceDate: '2026-10-18',
    distanceMeters: 21097.5,
    finishTimeSeconds: 5530,
    notes: 'Windy.',
  },
  {
    id: 6,
    name: 'Trail 15',
    raceDate: '2025-06-01',
    distanceMeters: 15000,
    finishTimeSeconds: 5400,
    notes: null,
  },
];

export const journalEntry: JournalEntry = {
  date: '2026-11-25',
  energyLevel: 3,
  rpeScore: 6,
  painPercentage: 20,
  notes: 'Left calf a bit tight.',
  createdAt: '2026-11-25T07:10:00.000Z',
  updatedAt: '2026-11-25T07:10:00.000Z',
};

export const settings: Settings = {
  email: 'demo@example.com',
  displayName: 'Demo Runner',
  timezone: 'Europe/Berlin',
  coachingSpectrum: 60,
  coachingStyle: 'motivational',
  riskTolerance: 'balanced',
  units: 'metric',
  restingHeartRate: 50,
  maxHeartRate: 188,
  sex: 'female',
  availability: {
    trainingDays: ['Tuesday', 'Thursday', 'Saturday', 'Sunday'],
    longRunDay: 'Sunday',
  },
  updatedAt: '2026-11-20T10:00:00.000Z',
};
