import { THRESHOLDS } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import {
  COACHING_TONE_INSTRUCTIONS,
  coachingToneInstructions,
  describeThresholds,
} from './coaching-tone';

describe('coachingToneInstructions', () => {
  it('follows coachingStyleFor at the band edges', () => {
    const cases: [number, keyof typeof COACHING_TONE_INSTRUCTIONS][] = [
      [0, 'casual'],
      [25, 'casual'],
      [26, 'supportive'],
      [50, 'supportive'],
      [75, 'motivational'],
      [76, 'analytical'],
      [100, 'analytical'],
    ];
    for (const [spectrum, style] of cases) {
      expect(coachingToneInstructions(spectrum), `spectrum ${spectrum}`).toBe(
        COACHING_TONE_INSTRUCTIONS[style],
      );
    }
  });

  it('gives four different instructions of two or three sentences each', () => {
    const texts = Object.values(COACHING_TONE_INSTRUCTIONS);
    expect(new Set(texts).size).toBe(4);
    for (const text of texts) {
      const sentences = text.split(/(?<=\.)\s+/).filter((s) => s.length > 0);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(3);
    }
    expect(coachingToneInstructions(100)).toMatch(/metrics/);
  });

  it('throws outside 0-100', () => {
    for (const value of [-1, 101, Number.NaN]) {
      expect(() => coachingToneInstructions(value)).toThrow(RangeError);
    }
  });
});

describe('describeThresholds', () => {
  it('describes the balanced thresholds exactly', () => {
    expect(describeThresholds('balanced', THRESHOLDS.balanced).split('\n')).toEqual([
      'ACWR high risk: above 1.30',
      'Maximum days without rest: 7',
      'Divergence overtraining: \u22120.15 or below',
      'Divergence caution: \u22120.05 or below',
      'Undertraining: ACWR below 0.80',
      expect.stringMatching(/^Balanced: /),
    ]);
  });

  it('describes the conservative thresholds exactly', () => {
    expect(describeThresholds('conservative', THRESHOLDS.conservative).split('\n')).toEqual([
      'ACWR high risk: above 1.20',
      'Maximum days without rest: 6',
      'Divergence overtraining: \u22120.10 or below',
      'Divergence caution: \u22120.03 or below',
      'Undertraining: ACWR below 0.85',
      expect.stringMatching(/^Conservative: /),
    ]);
  });

  it('describes the aggressive thresholds exactly', () => {
    expect(describeThresholds('aggressive', THRESHOLDS.aggressive).split('\n')).toEqual([
      'ACWR high risk: above 1.50',
      'Maximum days without rest: 8',
      'Divergence overtraining: \u22120.20 or below',
      'Divergence caution: \u22120.08 or below',
      'Undertraining: ACWR below 0.75',
      expect.stringMatching(/^Aggressive: .*1\.50 danger zone/),
    ]);
  });

  it("defaults to the tolerance's own thresholds and uses custom ones when given", () => {
    expect(describeThresholds('balanced')).toBe(
      describeThresholds('balanced', THRESHOLDS.balanced),
    );
    const custom = { ...THRESHOLDS.balanced, acwrHighRisk: 1.25, divergenceCaution: 0.02 };
    const lines = describeThresholds('balanced', custom).split('\n');
    expect(lines[0]).toBe('ACWR high risk: above 1.25');
    expect(lines[3]).toBe('Divergence caution: 0.02 or below');
  });

  it('rejects an unknown tolerance and non-finite thresholds', () => {
    expect(() => describeThresholds('reckless' as never, THRESHOLDS.balanced)).toThrow(RangeError);
    expect(() =>
      describeThresholds('balanced', { ...THRESHOLDS.balanced, acwrHighRisk: Number.NaN }),
    ).toThrow(RangeError);
    expect(() =>
      describeThresholds('balanced', { ...THRESHOLDS.balanced, maxDaysWithoutRest: 6.5 }),
    ).toThrow(RangeError);
  });
});
