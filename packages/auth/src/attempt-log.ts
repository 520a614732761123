// The throttles' shared record, in PostgreSQL so that every server instance sees it: table
// login_failures holds one row per counted attempt for each of its keys (e.g. "ip:<address>",
// "signup:<address>"), stamped with the attempt's time.
//
// An attempt is admitted and written in one short transaction under a per-key advisory lock,
// *before* the expensive or risky work it guards: parallel attempts on several instances are
// counted one by one and cannot all slip in under a limit. What a throttle counts as a failure is
// an attempt whose rows it never removes.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@coach/db';

/** Namespaces these advisory locks (two-int form, apart from the migrator's bigint). */
const LOCK_CLASS = 0x4c4f47; // "LOG"

const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/** Each key's attempt times, ascending, since the admission's horizon. */
export type AttemptHistory = ReadonlyMap<string, readonly Date[]>;

export type Admission =
  | { admitted: true /** the rows written for this attempt, one per key */; rowIds: bigint[] }
  | { admitted: false; retryAfterSeconds: number };

function lockId(key: string): number {
  return createHash('sha256').update(key).digest().readInt32BE(0);
}

/**
 * Reads the keys' attempts since `horizon` (deleting older ones) under their advisory locks and
 * asks `blockedUntil`: when it answers null, records one attempt per key at `now`; otherwise
 * records nothing and answers how long to wait.
 */
export async function admitAttempt(
  prisma: PrismaClient,
  {
    keys,
    horizon,
    now,
    blockedUntil,
  }: {
    keys: readonly string[];
    horizon: Date;
    now: Date;
    blockedUntil: (history: AttemptHistory) => Date | null;
  },
): Promise<Admission> {
  // One lock order everywhere: no deadlock between two admissions sharing keys.
  const locked = [...new Set(keys)].map((key) => ({ key, id: lockId(key) }));
  locked.sort((a, b) => a.id - b.id);
  return prisma.$transaction(async (tx) => {
    const history = new Map<string, Date[]>();
    for (const { key, id } of locked) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${id}::int)`;
      await tx.loginFailure.deleteMany({ where: { key, failedAt: { lte: horizon } } });
      const rows = await tx.loginFailure.findMany({
        where: { key },
        select: { failedAt: true },
        orderBy: { failedAt: 'asc' },
      });
      history.set(
        key,
        rows.map((r) => r.failedAt),
      );
    }
    const until = blockedUntil(history);
    if (until && until > now) {
      const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
      return { admitted: false, retryAfterSeconds };
    }
    const rows = await tx.loginFailure.createManyAndReturn({
      data: locked.map(({ key }) => ({ key, failedAt: now })),
      select: { id: true },
    });
    return { admitted: true, rowIds: rows.map((r) => r.id) };
  }, TRANSACTION_OPTIONS);
}

/** Removes attempts: the given rows, and every attempt of the given keys. */
export async function forgetAttempts(
  prisma: PrismaClient,
  { rowIds = [], keys = [] }: { rowIds?: readonly bigint[]; keys?: readonly string[] },
): Promise<void> {
  await prisma.loginFailure.deleteMany({
    where: { OR: [{ id: { in: [...rowIds] } }, { key: { in: [...keys] } }] },
  });
}

/** Deletes attempts at or before `horizon` (a periodic clean-up); answers how many. */
export async function pruneAttempts(prisma: PrismaClient, horizon: Date): Promise<number> {
  const { count } = await prisma.loginFailure.deleteMany({ where: { failedAt: { lte: horizon } } });
  return count;
}
