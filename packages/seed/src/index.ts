export {
  DEMO_TIMEZONE,
  type DemoSeedResult,
  seedDemoAthlete,
} from './demo';
export { generateAthleteHistory, generateAthletes } from './generate';
export {
  planStravaExport,
  writeStravaExport,
} from './strava-export';
export type * from './types';
export { writeAthlete } from './write';
