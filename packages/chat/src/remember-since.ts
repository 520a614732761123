import { addDays, daysBetween, type LocalDate } from '@coach/metrics';

/**
 * chrono's British parser reads "Nov 20" as November 2020, so the default English one reads the
 * dates; it takes "5/11" as 5 May, and "20/11" as 20 November. Loaded on the first "remember
 * that …", not at the server's start: most servers idle far more than they read such dates.
 */
async function dateParser() {
  return (await import('chrono-node/en')).casual;
}

/**
 * The day an item started, when its words say so: "since 20 Nov", "since Monday", "since
 * yesterday", "for a week" (chrono-node reads the dates). Resolved against the athlete's today:
 * a day, month or weekday without a year is the most recent one not in the future, and a duration
 * counts back from today. Null when the words give no start, or one in the future.
 */
export async function sinceIn(text: string, today: LocalDate): Promise<LocalDate | null> {
  // Noon UTC of the athlete's today, read in UTC: the components are their calendar's.
  const reference = { instant: new Date(`${today}T12:00:00Z`), timezone: 'UTC' };
  for (const found of (await dateParser()).parse(text, reference)) {
    const saidSince = /\bsince\s+(?:the\s+)?$/i.test(text.slice(0, found.index));
    const forDuration = /^for\s/i.test(found.text);
    if (!saidSince && !forDuration) continue;
    const start = found.start;
    const day = `${start.get('year')}-${pad(start.get('month'))}-${pad(start.get('day'))}`;
    if (forDuration) return addDays(today, -Math.max(0, daysBetween(today, day)));
    if (daysBetween(today, day) <= 0) return day;
    if (start.isCertain('year')) return null;
    // A weekday ("since Monday") is the last one; a day or month without a year, last year's.
    if (start.isCertain('weekday') && !start.isCertain('day')) return addDays(day, -7);
    return addYears(day, -1);
  }
  return null;
}

function pad(value: number | null): string {
  return String(value ?? 0).padStart(2, '0');
}

/** The same day a number of years off (29 February becomes 28 February). */
function addYears(day: LocalDate, years: number): LocalDate {
  const year = Number(day.slice(0, 4)) + years;
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${year}-${monthDay}`;
}
