import { describe, expect, it } from 'vitest';
import { dayAndMonth } from './date-labels';

describe('dayAndMonth', () => {
  it('gives the day and the short month of a calendar day, whatever the zone', () => {
    expect(dayAndMonth('2026-11-26')).toBe('26 Nov');
    expect(dayAndMonth('2027-01-05')).toBe('5 Jan');
    expect(dayAndMonth('2026-09-04')).toBe('4 Sep');
    expect(dayAndMonth('2026-12-31')).toBe('31 Dec');
  });
});
