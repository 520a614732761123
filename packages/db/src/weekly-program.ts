import { z } from 'zod';

/** One planned day as stored in weekly_programs.days (a JSON column); other keys are ignored. */
const plannedDaySchema = z.object({
  date: z.iso.date(),
  workoutType: z.string(),
  description: z.string(),
  plannedDistanceMeters: z.number().nonnegative(),
  plannedMinutes: z.number().nonnegative(),
});

export type PlannedDay = z.infer<typeof plannedDaySchema>;

/** The stored days that read as planned days, in date order; malformed entries are left out. */
export function readPlannedDays(json: unknown): PlannedDay[] {
  if (!Array.isArray(json)) return [];
  return json
    .flatMap((day) => {
      const parsed = plannedDaySchema.safeParse(day);
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
