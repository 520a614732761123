export {
  type AutopsyInput,
  autopsyOf,
  type Prescription,
} from './autopsy';
export { baseDrifted, type WeekDrift, weekDrift } from './drift';
export { derivePaces } from './paces';
export {
  buildPlan,
  referenceVolume,
  sessionOn,
  targetRaceOf,
} from './plan';
export {
  type CurrentInjury,
  type JournalDay,
  type Recommendation,
  recommendToday,
} from './recommend';

export {
  isRunning,
  summarizeTraining,
} from './training-summary';
export {
  HARD_WORKOUT_TYPES,
  type PlannedSession,
  type RaceGoal,
  WORKOUT_TYPES,
} from './types';
