// Shared by this package's database tests (not part of the public surface).
import type { PrismaClient } from '@coach/db';

/** A clock the test moves by hand. */
export function testClock(start: string) {
  let current = new Date(start);
  return {
    now: () => current,
    set: (iso: string) => {
      current = new Date(iso);
    },
  };
}

/** chat_usage rows of one athlete, oldest day first, without the timestamp. */
export async function usageRows(prisma: PrismaClient, userId: number) {
  const rows = await prisma.chatUsage.findMany({ where: { userId }, orderBy: { date: 'asc' } });
  return rows.map(({ updatedAt: _, userId: __, ...row }) => row);
}
