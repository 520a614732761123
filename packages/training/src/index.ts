export {
  type ActivityChanges,
  deleteActivity,
  type NewActivity,
  recordActivities,
  updateActivity,
} from './activities';
export { recomputeDailyMetrics } from './daily-metrics';
