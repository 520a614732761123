/** The scales an athlete answers in the daily journal. */

export const ENERGY_MIN = 1;
export const ENERGY_MAX = 5;

export const RPE_MIN = 1;
export const RPE_MAX = 10;

/** Pain is picked from a fixed scale, 0 (none) to 100 (can't run), in steps of 20. */
export const PAIN_STEPS = [0, 20, 40, 60, 80, 100] as const;
export type PainPercentage = (typeof PAIN_STEPS)[number];

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Energy level: a whole number from 1 to 5. */
export function isValidEnergy(value: unknown): value is number {
  return isIntegerIn(value, ENERGY_MIN, ENERGY_MAX);
}

/** Session RPE: a whole number from 1 to 10. */
export function isValidRpe(value: unknown): value is number {
  return isIntegerIn(value, RPE_MIN, RPE_MAX);
}

/** Pain: one of 0, 20, 40, 60, 80, 100. */
export function isValidPain(value: unknown): value is PainPercentage {
  return (PAIN_STEPS as readonly unknown[]).includes(value);
}
