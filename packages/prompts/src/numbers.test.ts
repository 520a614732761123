import { describe, expect, it } from 'vitest';
import { canonicalNumber, numberFormsIn, numbersIn } from './numbers';

describe('numbersIn', () => {
  it('finds decimals, integers, dates and times, each whole, in one canonical form', () => {
    expect(
      numbersIn('ACWR 1.10 on 2026-11-05, pace 4:05–04:10/km, divergence −0.052, 20%, 1,500 m'),
    ).toEqual(['1.1', '2026-11-05', '4:05', '4:10', '0.052', '20', '1500']);
    expect(numbersIn('finished in 1:36:53, 42.2 km, 3:1 and 10/10')).toEqual([
      '1:36:53',
      '42.2',
      '3',
      '1',
      '10',
      '10',
    ]);
  });

  it('a number and its written form meet', () => {
    expect(numbersIn('1.15')).toContain(canonicalNumber(1.15));
    expect(numbersIn('-0.05')).toContain(canonicalNumber(-0.05));
    expect(numbersIn('text without numbers')).toEqual([]);
  });
});

describe('numberFormsIn', () => {
  it('gives back each number, the parts of its dates and its decimals rounded', () => {
    const forms = numberFormsIn('ACWR 1.19 on 2026-11-26, pace 4:45/km');
    for (const form of ['1.19', '1.2', '1', '2026-11-26', '2026', '11', '26', '4:45']) {
      expect(forms).toContain(form);
    }
    expect(numberFormsIn('1.15 and 0.05')).toEqual(
      new Set(['1.15', '1.2', '1', '0.05', '0.1', '0']),
    );
    // A pace is not its minutes, nor another pace.
    expect(forms).not.toContain('45');
    expect(forms).not.toContain('4:50');
  });
});
