import type { AppRouter } from '@coach/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** The API's answers, as the page receives them (plain JSON: dates are ISO strings). */
type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type Athlete = NonNullable<Outputs['auth']['me']>;
export type CurrentMetrics = NonNullable<Outputs['coach']['currentMetrics']>;
export type AcwrPoint = Outputs['coach']['acwrSeries'][number];
export type TodaysWorkout = NonNullable<Outputs['coach']['todaysWorkout']>;
export type LatestAutopsy = NonNullable<Outputs['coach']['latestAutopsy']>;
export type WeekProgram = NonNullable<Outputs['coach']['weekProgram']>;
export type WeekProgramDay = WeekProgram['days'][number];
export type RaceGoal = Outputs['coach']['raceGoals'][number];
export type RaceResult = Outputs['coach']['raceHistory'][number];
export type RaceGoalInput = Inputs['races']['addGoal'];
export type RaceResultInput = Inputs['races']['addResult'];
export type MemoryItem = Outputs['memory']['list'][number];
export type MemoryInput = Inputs['memory']['add'];
export type JournalEntry = NonNullable<Outputs['journal']['get']>;
export type Settings = Outputs['settings']['get'];
export type Units = Settings['units'];
export type Availability = NonNullable<Settings['availability']>;
export type Weekday = Availability['longRunDay'];
export type RiskTolerance = Settings['riskTolerance'];
export type CoachingStyle = Settings['coachingStyle'];
export type Thresholds = CurrentMetrics['thresholds'];
export type ActivitiesPage = Outputs['activities']['list'];
export type ActivityView = ActivitiesPage['items'][number];
export type ManualActivityInput = Inputs['activities']['create'];
