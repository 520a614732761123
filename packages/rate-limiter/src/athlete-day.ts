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
): Promise<AthleteDay & { endsAt: Date | null }> {
  const rows = await db.$queryRaw<
    { timezone: string; anchored: string | null; ends_at: Date | null }[]
  >`
    SELECT u.timezone, a.timezone AS anchored, a.ends_at
    FROM users u
    LEFT JOIN chat_usage_anchors a ON a.user_id = u.id AND a.ends_at > ${now.toISOString()}::timestamptz
    WHERE u.id = ${userId}::int`;
  const row = rows[0];
  if (row === undefined) throw new UnknownAthleteError(userId);
  const timeZone = row.anchored ?? row.timezone;
  return { timeZone, date: todayIn(timeZone, now), endsAt: row.anchored ? row.ends_at : null };
}

/**
 * The usage days running at the athlete's last reservation on this instance. An anchor is replaced
 * only once it has ended (openUsageDay), so a running day read once stays the athlete's usage day
 * until its end, whatever any instance does: a reservation within it needs no read.
 */
export class RunningDays {
  private readonly days = new Map<number, AthleteDay & { from: number; until: number }>();

  constructor(private readonly maxAthletes = 10_000) {}

  /** The usage day at `now` when one is running (its zone anchored), else null. */
  async at(db: DbClient, userId: number, now: Date): Promise<AthleteDay | null> {
    const time = now.getTime();
    const known = this.days.get(userId);
    if (known && known.from <= time && time < known.until) {
      return { timeZone: known.timeZone, date: known.date };
    }
    this.days.delete(userId);
    const { timeZone, date, endsAt } = await readUsageDay(db, userId, now);
    if (endsAt === null) return null;
    // The oldest entry goes first: a map keeps its insertion order.
    if (this.days.size >= this.maxAthletes) this.days.delete(this.days.keys().next().value ?? 0);
    this.days.set(userId, { timeZone, date, from: time, until: endsAt.getTime() });
    return { timeZone, date };
  }
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
  if (day.endsAt !== null) return { timeZone: day.timeZone, date: day.date };
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
