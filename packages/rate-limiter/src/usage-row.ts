import type { DbClient } from '@coach/db';
import type { LocalDate } from '@coach/metrics';

/** One athlete's chat_usage row for one local day; all zero when the day has no row yet. */
export interface DayUsage {
  date: LocalDate;
  /** billed */
  inputTokens: number;
  outputTokens: number;
  /** estimates of requests in flight */
  reservedInputTokens: number;
  reservedOutputTokens: number;
  /** messages recorded or reserved */
  messageCount: number;
}

export interface UsageRow {
  input_tokens: number;
  output_tokens: number;
  reserved_input_tokens: number;
  reserved_output_tokens: number;
  message_count: number;
}

export function toDayUsage(date: LocalDate, row: UsageRow | undefined): DayUsage {
  return {
    date,
    inputTokens: row?.input_tokens ?? 0,
    outputTokens: row?.output_tokens ?? 0,
    reservedInputTokens: row?.reserved_input_tokens ?? 0,
    reservedOutputTokens: row?.reserved_output_tokens ?? 0,
    messageCount: row?.message_count ?? 0,
  };
}

export async function readDayUsage(
  db: DbClient,
  userId: number,
  date: LocalDate,
): Promise<DayUsage> {
  const rows = await db.$queryRaw<UsageRow[]>`
    SELECT input_tokens, output_tokens, reserved_input_tokens, reserved_output_tokens, message_count
    FROM chat_usage
    WHERE user_id = ${userId}::int AND date = ${date}::text`;
  return toDayUsage(date, rows[0]);
}
