// The bounds of what an athlete enters, for the API's checks and the page's forms alike.
// Imports nothing, so the web app can take it (`@coach/athlete-data/bounds`) without server code.

export const RESTING_HEART_RATE = Object.freeze({ min: 30, max: 120 });
export const MAX_HEART_RATE = Object.freeze({ min: 120, max: 230 });

export const RACE_NAME_MAX_CHARS = 100;
export const RACE_NOTES_MAX_CHARS = 1000;
/** A custom race distance, in metres: a track 400 m to a multi-day ultra. */
export const RACE_DISTANCE_METERS = Object.freeze({ min: 400, max: 400_000 });
/** A finish or target time, in seconds: up to a week (multi-day ultras). */
export const RACE_TIME_SECONDS = Object.freeze({ min: 60, max: 7 * 24 * 3600 });
/** Faster than any runner has raced any distance from 400 m up (the 400 m record is ≈ 1:48/km). */
export const FASTEST_RACE_PACE_SECONDS_PER_KM = 100;
/** How far ahead a race goal may be set, in days. */
export const RACE_GOAL_MAX_DAYS_AHEAD = 3 * 366;
/** The earliest result date taken (a guard against typos such as 0205 for 2025). */
export const RACE_RESULT_EARLIEST = '1900-01-01';

/** What an item of the athlete's memory is about (the database's MemoryKind). */
export const MEMORY_KINDS = ['injury', 'constraint', 'preference', 'goal', 'health'] as const;
/** One item of the athlete's memory, in characters (the database column's bound). */
export const MEMORY_TEXT_MAX_CHARS = 280;
/** Items one athlete may keep: enough for a life of niggles, small enough for the prompt's budget. */
export const MEMORY_MAX_ITEMS = 50;
