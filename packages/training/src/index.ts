export {
  type ActivityChanges,
  deleteActivity,
  type NewActivity,
  recordActivities,
  updateActivity,
} from './activities';
export { recomputeDailyMetrics } from './daily-metrics';
export { estimateMissingInternalLoads } from './estimate-missing-loads';
export { internalLoadOfStored, storedEffortSelect } from './stored-load';
