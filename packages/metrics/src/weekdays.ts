// The weekdays' names; imports nothing, so the web app can take it (`@coach/metrics/weekdays`).

/** In `Date.getUTCDay()` order: Sunday first. */
export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The training week as athletes plan it and the weekly program runs: Monday first. */
export const TRAINING_WEEK: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
