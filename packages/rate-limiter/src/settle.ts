import type { PrismaClient } from '@coach/db';
import { assertTokenCount } from './counts';
import type { BilledTokens, Reservation, SettleOptions, SettleResult } from './types';

/** One reservation to settle: `billed` null settles it at its own estimates. */
export interface SettleItem {
  userId: number;
  requestId: string;
  billed: BilledTokens | null;
  releaseMessage: boolean;
}

const keyOf = (userId: number, requestId: string) => `${userId}:${requestId}`;

/** The same order on every instance, whatever its locale. */
const compareCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Settles pending reservations in one statement, returning the keys (`userId:requestId`) it
 * settled: marks each settled with its billed counts (`null`: at its own estimates), then moves
 * their estimates out of reserved_* and the billed counts into input/output_tokens of the days
 * they were charged to, even days that are over, summed per day. Both updates are data-modifying
 * parts of one statement, so they commit together without an interactive transaction; the
 * `status = 'pending'` guard makes a second settle (or a sweep racing a settle) change nothing (a
 * racing one waits on the reservation's row lock, then finds it settled). `releaseMessage` gives
 * the reserved message back in the same statement (an answer that cost nothing); the guard makes
 * that happen at most once too. Rows are locked in key order, reservations then days, so that two
 * instances settling overlapping batches wait for each other instead of deadlocking. A key must
 * appear at most once.
 */
async function settleMany(
  prisma: PrismaClient,
  items: readonly SettleItem[],
  now: Date,
): Promise<Set<string>> {
  const sorted = [...items].sort(
    (a, b) => a.userId - b.userId || compareCodeUnits(a.requestId, b.requestId),
  );
  const at = now.toISOString();
  const rows = await prisma.$queryRaw<{ user_id: number; request_id: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${sorted.map((item) => item.userId)}::int[],
        ${sorted.map((item) => item.requestId)}::text[],
        ${sorted.map((item) => item.billed?.inputTokens ?? null)}::int[],
        ${sorted.map((item) => item.billed?.outputTokens ?? null)}::int[],
        ${sorted.map((item) => item.releaseMessage)}::boolean[]
      ) WITH ORDINALITY AS i(user_id, request_id, input_tokens, output_tokens, release_message, n)
    ), locked AS (
      SELECT r.user_id, r.request_id, i.input_tokens, i.output_tokens, i.release_message
      FROM input AS i
      JOIN chat_reservations AS r ON r.user_id = i.user_id AND r.request_id = i.request_id
      WHERE r.status = 'pending'
      ORDER BY i.n
      FOR UPDATE OF r
    ), settled AS (
      UPDATE chat_reservations AS r SET
        status = 'settled',
        input_tokens = COALESCE(l.input_tokens, r.reserved_input_tokens),
        output_tokens = COALESCE(l.output_tokens, r.reserved_output_tokens),
        settled_at = ${at}::timestamptz
      FROM locked AS l
      WHERE r.user_id = l.user_id AND r.request_id = l.request_id AND r.status = 'pending'
      RETURNING r.user_id, r.request_id, r.date, r.reserved_input_tokens,
        r.reserved_output_tokens, r.input_tokens, r.output_tokens, l.release_message
    ), per_day AS (
      SELECT user_id, date,
        sum(reserved_input_tokens) AS reserved_input_tokens,
        sum(reserved_output_tokens) AS reserved_output_tokens,
        sum(input_tokens) AS input_tokens,
        sum(output_tokens) AS output_tokens,
        count(*) FILTER (WHERE release_message) AS released
      FROM settled
      GROUP BY user_id, date
    ), days AS (
      SELECT u.user_id, u.date FROM chat_usage AS u
      JOIN per_day AS d ON d.user_id = u.user_id AND d.date = u.date
      ORDER BY u.user_id, u.date
      FOR UPDATE OF u
    ), moved AS (
      UPDATE chat_usage AS u SET
        reserved_input_tokens = u.reserved_input_tokens - d.reserved_input_tokens,
        reserved_output_tokens = u.reserved_output_tokens - d.reserved_output_tokens,
        input_tokens = u.input_tokens + d.input_tokens,
        output_tokens = u.output_tokens + d.output_tokens,
        message_count = u.message_count - d.released,
        updated_at = ${at}::timestamptz AT TIME ZONE 'UTC'
      FROM per_day AS d, days AS k
      WHERE u.user_id = d.user_id AND u.date = d.date
        AND k.user_id = d.user_id AND k.date = d.date
      RETURNING 1
    )
    SELECT user_id, request_id FROM settled`;
  return new Set(rows.map((row) => keyOf(row.user_id, row.request_id)));
}

/**
 * The settles asked for in one turn of the event loop go to the database as one statement: the
 * answers of a burst end together, and one statement for all of them costs the embedded database
 * and Prisma a fraction of one each. A reservation asked for twice in one turn waits for the next
 * statement, so the second finds it settled, as it would one at a time.
 */
export class SettleBatcher {
  private waiting: { item: SettleItem; done: (result: Promise<SettleResult>) => void }[] = [];
  private flushScheduled = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date,
  ) {}

  async settle(
    reservation: Reservation,
    billed: BilledTokens,
    options: SettleOptions = {},
  ): Promise<SettleResult> {
    assertTokenCount('inputTokens', billed.inputTokens);
    assertTokenCount('outputTokens', billed.outputTokens);
    const item: SettleItem = {
      userId: reservation.userId,
      requestId: reservation.requestId,
      billed,
      releaseMessage: options.releaseMessage === true,
    };
    return new Promise<SettleResult>((resolve) => {
      this.waiting.push({ item, done: resolve });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const batch: typeof this.waiting = [];
    const later: typeof this.waiting = [];
    const batched = new Set<string>();
    for (const entry of this.waiting) {
      const key = keyOf(entry.item.userId, entry.item.requestId);
      (batched.has(key) ? later : batch).push(entry);
      batched.add(key);
    }
    this.waiting = [];
    const settled = settleMany(
      this.prisma,
      batch.map((entry) => entry.item),
      this.now(),
    );
    for (const { item, done } of batch) {
      const key = keyOf(item.userId, item.requestId);
      done(settled.then((settledKeys) => ({ settled: settledKeys.has(key) })));
    }
    if (later.length > 0) {
      // After this statement has settled: the repeat then finds its reservation settled.
      void settled
        .catch(() => {})
        .then(() => {
          this.waiting.push(...later);
          this.scheduleFlush();
        });
    }
  }
}

/**
 * Reservations whose request died with its process stay pending forever: settle those made more
 * than `olderThanMs` before `now` at their estimates (the provider may have billed them, so count
 * conservatively). Pick `olderThanMs` well beyond the longest generation: a request settled by
 * the sweep keeps its estimate, and its own late settle then changes nothing. Each is settled in
 * its own short statement, so sweeps on several instances at once neither deadlock nor settle
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
    const item = { userId: user_id, requestId: request_id, billed: null, releaseMessage: false };
    if ((await settleMany(prisma, [item], now)).size > 0) settled += 1;
  }
  return settled;
}
