import { addDays, instantAt, type LocalDate, todayIn } from '@coach/metrics';
import type { Db } from './db';
import { UnknownAthleteError } from './errors';

export interface AthleteDay {
  timeZone: string;
  /** the athlete's local today */
  date: LocalDate;
}

/** The athlete's timezone and local today at `now`: usage days follow the athlete's clock. */
export async function athleteDay(db: Db, userId: number, now: Date): Promise<AthleteDay> {
  const rows = await db.$queryRaw<{ timezone: string }[]>`
    SELECT timezone FROM users WHERE id = ${userId}::int`;
  const timeZone = rows[0]?.timezone;
  if (timeZone === undefined) throw new UnknownAthleteError(userId);
  return { timeZone, date: todayIn(timeZone, now) };
}

/** The instant the day after `date` starts in `timeZone` (DST-aware). */
export function nextMidnight(date: LocalDate, timeZone: string): Date {
  return instantAt(addDays(date, 1), 0, 0, timeZone);
}
