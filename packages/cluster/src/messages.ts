import { z } from 'zod';

/** What crosses Redis is read back through these: another instance's bug must not become ours. */
const userId = z.number().int().positive();
const requestId = z.string().min(1).max(100);

export const stopMessage = z.strictObject({ userId, requestId });
export const athleteChangedMessage = z.strictObject({ userId });
/** a session's id (the SHA-256 of its token, never the token) */
export const signedOutMessage = z.strictObject({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) });

/** Parses a JSON message with a schema; null when it is not one. */
export function parseMessage<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
