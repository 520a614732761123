export {
  DEMO_HISTORY_DAYS,
  DEMO_SEED,
  DEMO_TIMEZONE,
  type DemoSeedResult,
  seedDemoAthlete,
} from './demo';
export { generateAthleteHistory, generateAthletes } from './generate';
export type * from './types';
export { type AthleteLogin, writeAthlete } from './write';
export {
  type ExportedActivity,
  type ExportFileKind,
  planStravaExport,
  type StravaExport,
  type StravaExportOptions,
  writeStravaExport,
} from './strava-export';
