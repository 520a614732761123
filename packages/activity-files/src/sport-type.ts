import type { ActivityType } from '@coach/metrics';

/** FIT `sport` and `subSport`, as the SDK names them. */
export function activityTypeOfFitSport(sport: unknown, subSport: unknown): ActivityType {
  switch (sport) {
    case 'running':
      if (subSport === 'trail') return 'trail_run';
      if (subSport === 'treadmill' || subSport === 'indoorRunning') return 'treadmill_run';
      return 'run';
    case 'cycling':
    case 'eBiking':
      return 'ride';
    case 'swimming':
      return 'swim';
    case 'walking':
      return 'walk';
    case 'hiking':
    case 'mountaineering':
      return 'hike';
    default:
      return 'other';
  }
}

/** TCX's `Sport` attribute: the schema knows only Running, Biking and Other. */
export function activityTypeOfTcxSport(sport: string | undefined): ActivityType {
  if (sport === 'Running') return 'run';
  if (sport === 'Biking') return 'ride';
  return 'other';
}

/**
 * A sport named in words: GPX's free-text `<type>` (Garmin writes e.g. `running`, `trail_running`,
 * `road_biking`) or Strava's activity type (`Run`, `Trail Run`, `Virtual Run`, `Gravel Ride`, …).
 * No name is taken as a run, the product's main sport.
 */
export function activityTypeOfName(type: string | undefined): ActivityType {
  if (type === undefined || type.trim() === '') return 'run';
  const words = type.toLowerCase();
  if (words.includes('treadmill') || (words.includes('virtual') && words.includes('run'))) {
    return 'treadmill_run';
  }
  if (words.includes('trail') && words.includes('run')) return 'trail_run';
  if (words.includes('run')) return 'run';
  if (/bik|cycl|ride/.test(words)) return 'ride';
  if (words.includes('swim')) return 'swim';
  if (words.includes('walk')) return 'walk';
  if (words.includes('hik')) return 'hike';
  return 'other';
}
