export { catchUpCoaching } from './catch-up';
export {
  AUTOPSY_DAYS,
  type CoachingRun,
  type CoachingRunMode,
  PAST_GOAL_DAYS,
  runCoachingDay,
  TRAINING_WINDOW_DAYS,
} from './coaching-day';
export { CoachingDays, type CoachingDaysLogger } from './coaching-days';
export {
  NARRATIVE_MAX_CHARS,
  NARRATIVE_MAX_TOKENS,
  NARRATIVE_TIMEOUT_MS,
  writeNarratives,
} from './narratives';
