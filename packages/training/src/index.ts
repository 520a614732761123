export { type NewActivity, recordActivities } from './activities';
export { recomputeDailyMetrics } from './daily-metrics';
export type { DbClient } from './db-client';
