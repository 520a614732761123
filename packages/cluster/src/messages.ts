import type { ChatEvent } from '@coach/chat';
import { z } from 'zod';

/** What crosses Redis is read back through these: another instance's bug must not become ours. */
const userId = z.number().int().positive();
const requestId = z.string().min(1).max(100);

export const stopMessage = z.strictObject({ userId, requestId });
export const athleteChangedMessage = z.strictObject({ userId });

const usage = z.strictObject({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
});

export const chatEvent: z.ZodType<ChatEvent> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('token'), content: z.string().max(1_000_000) }),
  z.strictObject({ type: z.literal('done'), usage, offline: z.literal(true).optional() }),
  z.strictObject({ type: z.literal('error'), message: z.string().max(10_000) }),
]);

/** Parses a JSON message with a schema; null when it is not one. */
export function parseMessage<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
