import type { ActivityType, HeartRateSample } from '@coach/metrics';

export type ActivityFileFormat = 'fit' | 'gpx' | 'tcx';

/** What one activity file (or a Strava export's row) says about the session, in the product's units and vocabulary. */
export interface ParsedActivity {
  /** `strava_csv`: a Strava export's activity without a readable file, from the CSV's columns. */
  format: ActivityFileFormat | 'strava_csv';
  /** The file's own id for the activity (FIT serial number and creation time, TCX `Id`); GPX has none. */
  fileActivityId: string | null;
  startTime: Date;
  type: ActivityType;
  /** The name the device or service gave it, when the file carries one. */
  name: string | null;
  distanceMeters: number;
  /** Pauses left out. */
  movingTimeSeconds: number;
  elevationGainMeters: number;
  averageHeartRate: number | null;
  maxHeartRate: number | null;
  /** On the moving clock, in time order; empty when the file has no heart rate. */
  heartRateSamples: HeartRateSample[];
}
