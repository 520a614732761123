/** Bounds on what one activity file may cost to read; a file past them is refused, not read. */

/** Largest file, after decompression: a 24-hour FIT file at one record a second is ≈ 5 MiB. */
export const MAX_ACTIVITY_FILE_BYTES = 64 * 1024 * 1024;

/** Most track points or records in one file: 55 hours at one a second. */
export const MAX_TRACK_POINTS = 200_000;

/** A gap between two track points longer than this is a pause: the whole gap is left out of moving time. */
export const PAUSE_GAP_SECONDS = 30;

/**
 * Hysteresis of the climb computed from a track: a rise or fall counts only once it reaches this, since
 * GPS and barometric noise of a metre or two on flat ground would otherwise add up to tens of metres.
 */
export const ELEVATION_HYSTERESIS_METERS = 3;

/** Heart rates outside this range are sensor noise and are dropped. */
export const PLAUSIBLE_HEART_RATE = { min: 25, max: 250 } as const;

/** Most entries an export archive or folder may list: a decade of daily activities, with room to spare. */
export const MAX_EXPORT_ENTRIES = 100_000;

/** Largest `activities.csv`: ≈ 3 KB a row, so room for ≈ 20,000 activities. */
export const MAX_EXPORT_CSV_BYTES = 64 * 1024 * 1024;

/** Most bytes read out of one export in all, after decompression. */
export const MAX_EXPORT_BYTES = 8 * 1024 * 1024 * 1024;

/**
 * Zip bomb guard: an entry that inflates more than this many times its compressed size is refused
 * (GPX and TCX deflate ≈ 10–20×, FIT ≈ 3×, a gzipped file inside a zip ≈ 1×).
 */
export const MAX_COMPRESSION_RATIO = 100;
