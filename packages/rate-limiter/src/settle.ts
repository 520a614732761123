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
 * Settles pending reservations in one statement (`chat_settle`, see its migration), returning the
 * keys (`userId:requestId`) it settled: each is marked settled with its billed counts (`null`: at
 * its own estimates), and its estimate moves out of reserved_* and the billed counts into
 * input/output_tokens of the day it was charged to, summed per day; `releaseMessage` gives the
 * reserved message back. A second settle of a reservation changes nothing. The items go in key
 * order, the order rows are locked in, so that two instances settling overlapping batches wait
 * for each other instead of deadlocking. A key must appear at most once.
 */
async function settleMany(
  prisma: PrismaClient,
  items: readonly SettleItem[],
  now: Date,
): Promise<Set<string>> {
  const sorted = [...items].sort(
    (a, b) => a.userId - b.userId || compareCodeUnits(a.requestId, b.requestId),
  );
  const rows = await prisma.$queryRaw<{ user_id: number; request_id: string }[]>`
    SELECT settled_user_id AS user_id, settled_request_id AS request_id FROM chat_settle(
      ${sorted.map((item) => item.userId)}::int[],
      ${sorted.map((item) => item.requestId)}::text[],
      ${sorted.map((item) => item.billed?.inputTokens ?? null)}::int[],
      ${sorted.map((item) => item.billed?.outputTokens ?? null)}::int[],
      ${sorted.map((item) => item.releaseMessage)}::boolean[],
      ${now.toISOString()}::timestamptz)`;
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
