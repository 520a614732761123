import { z } from 'zod';

/** activities.heart_rate_seconds (a JSON column): seconds spent at each whole bpm. */
const heartRateSecondsSchema = z.record(
  z.string().regex(/^\d{1,3}$/),
  z.number().nonnegative().finite(),
);

/** The stored seconds at each heart rate, or null when there are none or they do not read as such. */
export function readHeartRateSeconds(json: unknown): Record<number, number> | null {
  const parsed = heartRateSecondsSchema.safeParse(json);
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : null;
}
