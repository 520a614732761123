import type { PrismaClient } from '@coach/db';
import { openUsageDay } from './athlete-day';
import { assertTokenCount } from './counts';

/**
 * The plan's record_usage, for callers without a reservation: one upsert on the athlete's usage
 * day adding the billed tokens and one message (no limit check: the tokens are spent already).
 */
export async function recordUsage(
  prisma: PrismaClient,
  userId: number,
  inputTokens: number,
  outputTokens: number,
  now: Date,
): Promise<void> {
  assertTokenCount('inputTokens', inputTokens);
  assertTokenCount('outputTokens', outputTokens);
  const { date } = await openUsageDay(prisma, userId, now);
  await prisma.$executeRaw`
    INSERT INTO chat_usage AS u (user_id, date, input_tokens, output_tokens, message_count, updated_at)
    VALUES (${userId}::int, ${date}::text, ${inputTokens}::int, ${outputTokens}::int, 1,
      ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT (user_id, date) DO UPDATE SET
      input_tokens = u.input_tokens + EXCLUDED.input_tokens,
      output_tokens = u.output_tokens + EXCLUDED.output_tokens,
      message_count = u.message_count + 1,
      updated_at = EXCLUDED.updated_at`;
}
