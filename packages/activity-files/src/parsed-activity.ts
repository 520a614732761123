import type { ActivityType, HeartRateSample } from '@coach/metrics';

export type ActivityFileFormat = 'fit' | 'gpx' | 'tcx';

/** What one activity file (or a Strava export's row) says about the session, in the product's units and vocabulary. */
export interface ParsedActivity {
  /** `strava_csv`: a Strava export's activity without a readable file, from the CSV's columns. */
  format: ActivityFileFormat | 'strava_csv';
  /** SHA-256 of the file's content once decompressed, to know the same file again; null without a file. */
  fileDigest: string | null;
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
  /**
   * The athlete's own words about it (a Strava export's description and private note), at most
   * ACTIVITY_NOTES_MAX_CHARS; athlete text, never logged. Null when there are none.
   */
  notes: string | null;
}

/** What a format's parser reads from the content; the digest is the reader's, notes the export's. */
export type ParsedFile = Omit<ParsedActivity, 'fileDigest' | 'notes'>;
