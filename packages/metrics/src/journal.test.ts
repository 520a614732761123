import { describe, expect, it } from 'vitest';
import { isValidEnergy, isValidPain, isValidRpe, PAIN_STEPS } from './journal';

describe('journal scales', () => {
  it('energy is a whole number from 1 to 5', () => {
    for (const value of [1, 2, 3, 4, 5]) expect(isValidEnergy(value)).toBe(true);
    for (const value of [0, 6, 2.5, Number.NaN, '3', null])
      expect(isValidEnergy(value)).toBe(false);
  });

  it('RPE is a whole number from 1 to 10', () => {
    for (const value of [1, 5, 10]) expect(isValidRpe(value)).toBe(true);
    for (const value of [0, 11, 5.5, -1, '7', undefined]) expect(isValidRpe(value)).toBe(false);
  });

  it('pain is 0 to 100 in steps of 20', () => {
    expect(PAIN_STEPS).toEqual([0, 20, 40, 60, 80, 100]);
    for (const value of PAIN_STEPS) expect(isValidPain(value)).toBe(true);
    for (const value of [10, 50, -20, 120, 60.5, '20', null])
      expect(isValidPain(value)).toBe(false);
  });
});
