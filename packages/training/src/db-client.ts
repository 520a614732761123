import type { Prisma, PrismaClient } from '@coach/db';

/** Works both outside and inside a transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
