import type { LocalDate } from '@coach/metrics';

/** What the generator makes: plain records, no database ids, ready to be written. */
export interface AthleteHistory {
  profile: AthleteProfile;
  activities: GeneratedActivity[];
  journal: GeneratedJournalEntry[];
  raceGoals: GeneratedRaceGoal[];
  raceHistory: GeneratedRaceResult[];
}

export interface AthleteProfile {
  displayName: string;
  timezone: string;
  coachingSpectrum: number;
  riskTolerance: 'conservative' | 'balanced' | 'aggressive';
  units: 'metric' | 'imperial';
  restingHeartRate: number;
  maxHeartRate: number;
  sex: 'female' | 'male';
}

/** What kind of session an activity was, as the generator meant it. */
type WorkoutType = 'easy' | 'long' | 'tempo' | 'intervals' | 'recovery' | 'race';

export interface GeneratedActivity {
  /** stable across runs of the same seed, for idempotent writes */
  sourceId: string;
  startTime: Date;
  localDate: LocalDate;
  type: 'run' | 'trail_run' | 'ride';
  workoutType: WorkoutType;
  name: string;
  distanceMeters: number;
  movingTimeSeconds: number;
  elevationGainMeters: number;
  averageHeartRate: number | null;
  maxHeartRate: number | null;
  perceivedEffort: number | null;
}

export interface GeneratedJournalEntry {
  entryDate: LocalDate;
  energyLevel: number;
  rpeScore: number | null;
  painPercentage: number;
  notes: string | null;
}

export interface GeneratedRaceGoal {
  name: string;
  raceDate: LocalDate;
  distanceMeters: number;
  targetTimeSeconds: number | null;
  priority: 'A' | 'B' | 'C';
  notes: string | null;
}

export interface GeneratedRaceResult {
  name: string;
  raceDate: LocalDate;
  distanceMeters: number;
  finishTimeSeconds: number;
  notes: string | null;
}
