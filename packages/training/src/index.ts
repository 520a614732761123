export { type NewActivity, recordActivities } from './activities';
export { recomputeDailyMetrics } from './daily-metrics';
export { atomically, type DbClient } from './db-client';
