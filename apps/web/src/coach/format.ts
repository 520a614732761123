// Numbers and dates as the athlete reads them. The API sends local dates as "YYYY-MM-DD" in the
// athlete's own time zone; they are formatted as calendar dates (in UTC), never shifted by the
// browser's time zone.
import { dayAndMonth } from '@coach/metrics/date-labels';
import type { Units } from './types';

const MINUS = '\u2212';
const METERS_PER_MILE = 1609.344;

/** "2025-11-26" → the UTC midnight of that calendar day; null for anything else. */
function parseLocalDate(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const parsed = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2026-02-30 over into March: only a real calendar day round-trips.
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date
    ? parsed
    : null;
}

// Fixed English names rather than Intl's: the same "Sep" on every engine and ICU version.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "2025-11-26" → "Wed 26 Nov" (with the year when asked: "Wed 26 Nov 2025"). */
export function formatDate(date: string, options: { year?: boolean } = {}): string {
  const parsed = parseLocalDate(date);
  if (!parsed) return date;
  const text = `${WEEKDAYS[parsed.getUTCDay()] ?? ''} ${dayAndMonth(date)}`;
  return options.year ? `${text} ${parsed.getUTCFullYear()}` : text;
}

/** A date that is not in `currentYear` gets its year: races months ahead read unambiguously. */
export function formatDateInYear(date: string, currentYear: number): string {
  return formatDate(date, { year: !date.startsWith(`${currentYear}-`) });
}

/** An ACWR with two decimals; "—" when there is no ratio (too little history, no chronic load). */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(2);
}

/** A signed number with a real minus sign: "+0.06", "−0.12", "0.00". */
export function formatSigned(value: number, decimals = 2): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return (0).toFixed(decimals);
  return `${value < 0 ? MINUS : '+'}${text}`;
}

function trimmed(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** Meters in the athlete's units: "10 km", "12.5 km", "6.2 mi". */
export function formatDistance(meters: number, units: Units = 'metric'): string {
  if (units === 'imperial') return `${trimmed(meters / METERS_PER_MILE, 1)} mi`;
  return `${trimmed(meters / 1000, 1)} km`;
}

/** Planned minutes: "45 min", "1 h 30 min", "2 h". */
export function formatMinutes(minutes: number): string {
  const total = Math.round(minutes);
  if (total < 60) return `${total} min`;
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Days to a race as a countdown: "Race day is today", "3 days to go", "45 days to go (6 weeks, 3 days)". */
export function countdownText(daysToGo: number): string {
  if (daysToGo <= 0) return 'Race day is today';
  const days = plural(daysToGo, 'day');
  if (daysToGo < 7) return `${days} to go`;
  const weeks = Math.floor(daysToGo / 7);
  const rest = daysToGo % 7;
  const inWeeks =
    rest === 0 ? plural(weeks, 'week') : `${plural(weeks, 'week')}, ${plural(rest, 'day')}`;
  return `${days} to go (${inWeeks})`;
}

/** "long_run" → "Long run", "tempo" → "Tempo". */
export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
