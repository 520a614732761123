import type { DbClient, PrismaClient } from '@coach/db';
import { openUsageDay, type RunningDays } from './athlete-day';
import { assertTokenCount } from './counts';
import { TRANSACTION_OPTIONS } from './db';
import type { DailyLimits } from './limits';
import type { ReserveRequest, ReserveResult } from './types';
import { toUsageCheck } from './usage-report';
import { type DayUsage, readDayUsage } from './usage-row';

/** Thrown inside the transaction to roll it back (the reservation row with it). */
class OverLimit extends Error {
  constructor(readonly usage: DayUsage) {
    super('over the daily limit');
  }
}

/**
 * One transaction: record the reservation (a repeated requestId stops here, charging nothing, and
 * says whether that request is still pending), then charge the estimate to the athlete's usage day
 * (see openUsageDay) with a conditional upsert. The upsert runs under the row lock of (user_id,
 * date), so the limit check and the increment are one step however many requests or server
 * instances race; a request it does not admit rolls back.
 */
export async function reserve(
  prisma: PrismaClient,
  limits: DailyLimits,
  runningDays: RunningDays,
  now: Date,
  request: ReserveRequest,
): Promise<ReserveResult> {
  assertTokenCount('inputTokens', request.inputTokens);
  assertTokenCount('outputTokens', request.outputTokens);
  if (request.requestId.length === 0) throw new RangeError('requestId must not be empty');
  // Every message but a usage day's first finds its day running: one statement (and one read the
  // first time this instance sees the day).
  const running = await runningDays.at(prisma, request.userId, now);
  if (running !== null) return reserveOnRunningDay(prisma, limits, now, request, running.date);
  return reserveOpeningDay(prisma, limits, now, request);
}

/**
 * On a running usage day: one statement, no interactive transaction. `chat_reserve` (a function,
 * so its plans are kept for the session) charges the day under its row lock, then records the
 * reservation; a request that is not admitted leaves nothing. A repeated requestId makes the
 * insert fail on the reservation's key, which undoes the whole statement, its charge included (a
 * racing repeat waits for the first and then fails).
 */
async function reserveOnRunningDay(
  prisma: PrismaClient,
  limits: DailyLimits,
  now: Date,
  request: ReserveRequest,
  date: string,
): Promise<ReserveResult> {
  const { userId, requestId, inputTokens, outputTokens } = request;
  let reserved: boolean;
  try {
    const rows = await prisma.$queryRaw<{ reserved: boolean }[]>`
      SELECT chat_reserve(${userId}::int, ${requestId}::text, ${date}::text, ${inputTokens}::int,
        ${outputTokens}::int, ${now.toISOString()}::timestamptz, ${limits.dailyMessages}::int,
        ${limits.dailyInputTokens}::bigint, ${limits.dailyOutputTokens}::bigint) AS reserved`;
    reserved = rows[0]?.reserved === true;
  } catch (error) {
    const duplicate = await duplicateOf(prisma, userId, requestId);
    if (duplicate) return duplicate;
    throw error;
  }
  if (reserved) return { status: 'reserved', reservation: { userId, requestId, date } };
  // Not admitted: a repeat of a request made earlier is still a duplicate, not a limit.
  const duplicate = await duplicateOf(prisma, userId, requestId);
  if (duplicate) return duplicate;
  return {
    status: 'limited',
    usage: toUsageCheck(await readDayUsage(prisma, userId, date), limits),
  };
}

/**
 * Charges a reservation's estimate to its usage day if it fits, under the day's row lock
 * (`chat_charge_day`, see its migration); true when it did.
 */
async function chargeDay(
  db: DbClient,
  limits: DailyLimits,
  { userId, inputTokens, outputTokens }: ReserveRequest,
  date: string,
  at: string,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ charged: boolean }[]>`
    SELECT chat_charge_day(${userId}::int, ${date}::text, ${inputTokens}::int,
      ${outputTokens}::int, ${at}::timestamptz, ${limits.dailyMessages}::int,
      ${limits.dailyInputTokens}::bigint, ${limits.dailyOutputTokens}::bigint) AS charged`;
  return rows[0]?.charged === true;
}

async function duplicateOf(
  prisma: DbClient,
  userId: number,
  requestId: string,
): Promise<ReserveResult | null> {
  const [first] = await prisma.$queryRaw<{ status: string }[]>`
    SELECT status::text FROM chat_reservations
    WHERE user_id = ${userId}::int AND request_id = ${requestId}::text`;
  return first ? { status: 'duplicate', pending: first.status === 'pending' } : null;
}

/** A usage day's first message: opens the day (its zone anchor) and charges it in one transaction. */
async function reserveOpeningDay(
  prisma: PrismaClient,
  limits: DailyLimits,
  now: Date,
  request: ReserveRequest,
): Promise<ReserveResult> {
  const { userId, requestId, inputTokens, outputTokens } = request;
  const at = now.toISOString();
  try {
    return await prisma.$transaction(async (tx): Promise<ReserveResult> => {
      const { date } = await openUsageDay(tx, userId, now);

      // A concurrent insert of the same key waits for the other transaction: if that one
      // commits, this is a duplicate; if it rolled back (limited), this one goes ahead.
      const recorded = await tx.$queryRaw<unknown[]>`
        INSERT INTO chat_reservations
          (user_id, request_id, date, reserved_input_tokens, reserved_output_tokens, status, created_at)
        VALUES (${userId}::int, ${requestId}::text, ${date}::text, ${inputTokens}::int,
          ${outputTokens}::int, 'pending', ${at}::timestamptz)
        ON CONFLICT (user_id, request_id) DO NOTHING
        RETURNING 1 AS recorded`;
      if (recorded.length === 0) {
        return (
          (await duplicateOf(tx, userId, requestId)) ?? { status: 'duplicate', pending: false }
        );
      }

      if (!(await chargeDay(tx, limits, request, date, at))) {
        throw new OverLimit(await readDayUsage(tx, userId, date));
      }

      return { status: 'reserved', reservation: { userId, requestId, date } };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof OverLimit) {
      return { status: 'limited', usage: toUsageCheck(error.usage, limits) };
    }
    throw error;
  }
}
