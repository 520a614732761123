import { TZDate } from '@date-fns/tz';
import { WEEKDAYS, type Weekday } from './weekdays';

/** A calendar day in the athlete's own timezone, as `YYYY-MM-DD`. */
export type LocalDate = string;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const THIRTY_DAY_MONTHS = new Set([4, 6, 9, 11]);

// Arithmetic, not a Date round trip: it runs once per activity when metrics are recomputed.
export function isLocalDate(value: string): value is LocalDate {
  if (!LOCAL_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthLength = month === 2 ? (leap ? 29 : 28) : THIRTY_DAY_MONTHS.has(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= monthLength;
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and
// this runs on every chat message (the usage day) and every metrics read. Zones are a few hundred
// IANA names at most; an invalid one throws in the constructor and is never cached.
const DATE_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = DATE_FORMATTERS.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DATE_FORMATTERS.set(timeZone, formatter);
  }
  return formatter;
}

/** The athlete's calendar day at `instant` in `timeZone` (an IANA name). */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const parts = dateFormatter(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "Today" for an athlete: their own calendar day, not the server's. */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  return localDateOf(now, timeZone);
}

/** The instant of a wall-clock time on a local date in `timeZone` (DST-aware). */
export function instantAt(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
}

export function toUtcMidnight(date: LocalDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromUtcMidnight(value: Date): LocalDate {
  return value.toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(new Date(toUtcMidnight(date).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / DAY_MS);
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function dateRange(from: LocalDate, to: LocalDate): LocalDate[] {
  const length = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(0, length) }, (_, i) => addDays(from, i));
}

/** Monday of the week that holds `date` (ISO weeks start on Monday). */
export function mondayOf(date: LocalDate): LocalDate {
  const weekday = toUtcMidnight(date).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export function earlierOf(a: LocalDate, b: LocalDate): LocalDate {
  return daysBetween(a, b) < 0 ? b : a;
}

export function laterOf(a: LocalDate, b: LocalDate): LocalDate {
  return daysBetween(a, b) > 0 ? b : a;
}

export { TRAINING_WEEK, WEEKDAYS, type Weekday } from './weekdays';

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[toUtcMidnight(date).getUTCDay()] ?? 'Sunday';
}
