import { describe, expect, it } from 'vitest';
import { coachingStyleFor } from './coaching';

describe('coachingStyleFor', () => {
  it('maps the spectrum to a style, boundaries included in the lower band', () => {
    expect(coachingStyleFor(0)).toBe('casual');
    expect(coachingStyleFor(25)).toBe('casual');
    expect(coachingStyleFor(25.5)).toBe('supportive');
    expect(coachingStyleFor(26)).toBe('supportive');
    expect(coachingStyleFor(50)).toBe('supportive');
    expect(coachingStyleFor(51)).toBe('motivational');
    expect(coachingStyleFor(75)).toBe('motivational');
    expect(coachingStyleFor(76)).toBe('analytical');
    expect(coachingStyleFor(100)).toBe('analytical');
  });

  it('throws for values outside 0-100 and NaN', () => {
    for (const value of [-1, 100.5, 101, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => coachingStyleFor(value)).toThrow(RangeError);
    }
  });
});
