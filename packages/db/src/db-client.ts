import type { Prisma, PrismaClient } from './generated/prisma/client';

/** Works both outside and inside a transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

/** Runs `work` atomically: in a new transaction on a root client, or inside the caller's own. */
export function atomically<T>(
  db: DbClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  // Only a root client can connect; a transaction client has no $connect.
  return '$connect' in db ? db.$transaction(work, { timeout: 60_000 }) : work(db);
}
