import type { DbClient } from '@coach/db';
import { addDays, instantAt, type LocalDate, todayIn } from '@coach/metrics';
import { UnknownAthleteError } from './errors';

export interface AthleteDay {
  /** the zone the usage day is counted in */
  timeZone: string;
  /** the athlete's local date of the usage day */
  date: LocalDate;
}

/**
 * The athlete's usage day at `now`. The rule: a usage day is counted in the time zone the athlete
 * had when that day's first message was reserved (chat_usage_anchors), until its local midnight;
 * a time zone change applies to usage only from the next usage day. So the day a message is
 * charged to is never the athlete's choice: a jump to UTC+14 cannot open tomorrow early, nor one
 * to UTC−12 reopen yesterday. With no usage day running, it is the athlete's local today.
 */
async function readUsageDay(
  db: DbClient,
  userId: number,
  now: Date,
): Promise<AthleteDay & { running: boolean }> {
  const rows = await db.$queryRaw<{ timezone: string; anchored: string | null }[]>`
    SELECT u.timezone, a.timezone AS anchored
    FROM users u
    LEFT JOIN chat_usage_anchors a ON a.user_id = u.id AND a.ends_at > ${now.toISOString()}::timestamptz
    WHERE u.id = ${userId}::int`;
  const row = rows[0];
  if (row === undefined) throw new UnknownAthleteError(userId);
  const timeZone = row.anchored ?? row.timezone;
  return { timeZone, date: todayIn(timeZone, now), running: row.anchored !== null };
}

/** The usage day at `now` when one is running (its zone anchored), else null. */
export async function runningUsageDay(
  db: DbClient,
  userId: number,
  now: Date,
): Promise<AthleteDay | null> {
  const { timeZone, date, running } = await readUsageDay(db, userId, now);
  return running ? { timeZone, date } : null;
}

/** The usage day at `now`, for reading usage. */
export async function usageDay(db: DbClient, userId: number, now: Date): Promise<AthleteDay> {
  const { timeZone, date } = await readUsageDay(db, userId, now);
  return { timeZone, date };
}

/**
 * The usage day at `now`, for charging it: when none is running, this starts one in the athlete's
 * time zone. Racing starts (several requests, several instances) agree: the upsert replaces only
 * an anchor that has ended, and the day is read back after it.
 */
export async function openUsageDay(db: DbClient, userId: number, now: Date): Promise<AthleteDay> {
  const day = await readUsageDay(db, userId, now);
  if (day.running) return { timeZone: day.timeZone, date: day.date };
  const at = now.toISOString();
  const endsAt = nextMidnight(day.date, day.timeZone).toISOString();
  await db.$executeRaw`
    INSERT INTO chat_usage_anchors AS a (user_id, timezone, ends_at)
    VALUES (${userId}::int, ${day.timeZone}::text, ${endsAt}::timestamptz)
    ON CONFLICT (user_id) DO UPDATE SET timezone = EXCLUDED.timezone, ends_at = EXCLUDED.ends_at
    WHERE a.ends_at <= ${at}::timestamptz`;
  return usageDay(db, userId, now);
}

/** The instant the day after `date` starts in `timeZone` (DST-aware). */
export function nextMidnight(date: LocalDate, timeZone: string): Date {
  return instantAt(addDays(date, 1), 0, 0, timeZone);
}
