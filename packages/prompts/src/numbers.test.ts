import { describe, expect, it } from 'vitest';
import { canonicalNumber, numbersIn } from './numbers';

describe('numbersIn', () => {
  it('finds decimals, integers and the parts of dates and times, in one canonical form', () => {
    expect(numbersIn('ACWR 1.10 on 2026-11-05, pace 4:05/km, divergence −0.052, 20%')).toEqual([
      '1.1',
      '2026',
      '11',
      '5',
      '4',
      '5',
      '0.052',
      '20',
    ]);
  });

  it('a number and its written form meet', () => {
    expect(numbersIn('1.15')).toContain(canonicalNumber(1.15));
    expect(numbersIn('-0.05')).toContain(canonicalNumber(-0.05));
    expect(numbersIn('text without numbers')).toEqual([]);
  });
});
