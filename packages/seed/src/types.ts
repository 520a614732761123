import type { LocalDate } from '@coach/metrics';

/** What the generator makes: plain records, no database ids, ready to be written. */
export interface AthleteHistory {
  profile: AthleteProfile;
  activities: GeneratedActivity[];
  journal: GeneratedJournalEntry[];
  raceGoals: GeneratedRaceGoal[];
  raceHistory: GeneratedRaceResult[];
  weeklyPrograms: GeneratedWeeklyProgram[];
  recommendations: GeneratedRecommendation[];
  autopsies: GeneratedAutopsy[];
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

export type WorkoutType = 'rest' | 'easy' | 'long' | 'tempo' | 'intervals' | 'recovery' | 'race';

export interface GeneratedActivity {
  /** stable across runs of the same seed, for idempotent writes */
  sourceId: string;
  startTime: Date;
  localDate: LocalDate;
  type: 'run' | 'trail_run' | 'ride';
  workoutType: Exclude<WorkoutType, 'rest'>;
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

export interface PlannedDay {
  date: LocalDate;
  workoutType: WorkoutType;
  description: string;
  plannedDistanceMeters: number;
  plannedMinutes: number;
}

export interface GeneratedWeeklyProgram {
  weekStart: LocalDate;
  stage: 'base' | 'build' | 'peak' | 'taper' | 'recovery';
  focus: string;
  days: PlannedDay[];
}

export interface GeneratedRecommendation {
  date: LocalDate;
  workoutType: WorkoutType;
  prescribedWorkout: string;
  rationale: string;
}

export interface GeneratedAutopsy {
  date: LocalDate;
  prescribedAction: string;
  actualActivities: string;
  alignmentScore: number;
  autopsyAnalysis: string;
}
