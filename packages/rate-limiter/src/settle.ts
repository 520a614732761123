import type { PrismaClient } from '@coach/db';
import { assertTokenCount } from './counts';
import type { BilledTokens, Reservation, SettleOptions, SettleResult } from './types';

/**
 * Settles one pending reservation in one statement: marks it settled with the billed counts
 * (`null`: at its own estimates), then moves its estimate out of reserved_* and the billed counts
 * into input/output_tokens of the day it was charged to, even when that day is over. Both updates
 * are data-modifying parts of one statement, so they commit together without an interactive
 * transaction; the `status = 'pending'` guard makes a second settle (or a sweep racing a settle)
 * change nothing (a racing one waits on the reservation's row lock, then finds it settled).
 * `releaseMessage` gives the reserved message back in the same statement (an answer that cost
 * nothing); the guard makes that happen at most once too.
 */
async function settleOne(
  prisma: PrismaClient,
  userId: number,
  requestId: string,
  billed: BilledTokens | null,
  now: Date,
  releaseMessage = false,
): Promise<SettleResult> {
  const at = now.toISOString();
  const rows = await prisma.$queryRaw<{ settled: number }[]>`
    WITH settled AS (
      UPDATE chat_reservations SET
        status = 'settled',
        input_tokens = COALESCE(${billed?.inputTokens ?? null}::int, reserved_input_tokens),
        output_tokens = COALESCE(${billed?.outputTokens ?? null}::int, reserved_output_tokens),
        settled_at = ${at}::timestamptz
      WHERE user_id = ${userId}::int AND request_id = ${requestId}::text AND status = 'pending'
      RETURNING user_id, date, reserved_input_tokens, reserved_output_tokens, input_tokens,
        output_tokens
    ), moved AS (
      UPDATE chat_usage AS u SET
        reserved_input_tokens = u.reserved_input_tokens - s.reserved_input_tokens,
        reserved_output_tokens = u.reserved_output_tokens - s.reserved_output_tokens,
        input_tokens = u.input_tokens + s.input_tokens,
        output_tokens = u.output_tokens + s.output_tokens,
        message_count = u.message_count - CASE WHEN ${releaseMessage}::boolean THEN 1 ELSE 0 END,
        updated_at = ${at}::timestamptz AT TIME ZONE 'UTC'
      FROM settled AS s
      WHERE u.user_id = s.user_id AND u.date = s.date
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM settled)::int AS settled, (SELECT count(*) FROM moved)::int AS moved`;
  return { settled: (rows[0]?.settled ?? 0) > 0 };
}

export async function settle(
  prisma: PrismaClient,
  reservation: Reservation,
  billed: BilledTokens,
  now: Date,
  options: SettleOptions = {},
): Promise<SettleResult> {
  assertTokenCount('inputTokens', billed.inputTokens);
  assertTokenCount('outputTokens', billed.outputTokens);
  return settleOne(
    prisma,
    reservation.userId,
    reservation.requestId,
    billed,
    now,
    options.releaseMessage === true,
  );
}

/**
 * Reservations whose request died with its process stay pending forever: settle those made more
 * than `olderThanMs` before `now` at their estimates (the provider may have billed them, so count
 * conservatively). Pick `olderThanMs` well beyond the longest generation: a request settled by
 * the sweep keeps its estimate, and its own late settle then changes nothing. Each is settled in
 * its own short transaction, so sweeps on several instances at once neither deadlock nor settle
 * anything twice.
 */
export async function settleStaleReservations(
  prisma: PrismaClient,
  olderThanMs: number,
  now: Date,
): Promise<number> {
  if (!Number.isFinite(olderThanMs) || olderThanMs < 0) {
    throw new RangeError(`olderThanMs must be a finite number ≥ 0: ${olderThanMs}`);
  }
  const cutoff = new Date(now.getTime() - olderThanMs).toISOString();
  const stale = await prisma.$queryRaw<{ user_id: number; request_id: string }[]>`
    SELECT user_id, request_id FROM chat_reservations
    WHERE status = 'pending' AND created_at < ${cutoff}::timestamptz
    ORDER BY created_at`;
  let settled = 0;
  for (const { user_id, request_id } of stale) {
    if ((await settleOne(prisma, user_id, request_id, null, now)).settled) settled += 1;
  }
  return settled;
}
