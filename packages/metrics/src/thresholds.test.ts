import { describe, expect, it } from 'vitest';
import {
  ACWR_DANGER_ZONE,
  ACWR_OPTIMAL_ZONE,
  RISK_TOLERANCES,
  type RiskTolerance,
  THRESHOLDS,
  thresholdsFor,
} from './thresholds';

describe('thresholds', () => {
  it('match the product design for each risk tolerance', () => {
    expect(thresholdsFor('conservative')).toEqual({
      acwrHighRisk: 1.2,
      maxDaysWithoutRest: 6,
      divergenceOvertraining: -0.1,
      divergenceCaution: -0.03,
      undertrainingAcwr: 0.85,
    });
    expect(thresholdsFor('balanced')).toEqual({
      acwrHighRisk: 1.3,
      maxDaysWithoutRest: 7,
      divergenceOvertraining: -0.15,
      divergenceCaution: -0.05,
      undertrainingAcwr: 0.8,
    });
    expect(thresholdsFor('aggressive')).toEqual({
      acwrHighRisk: 1.5,
      maxDaysWithoutRest: 8,
      divergenceOvertraining: -0.2,
      divergenceCaution: -0.08,
      undertrainingAcwr: 0.75,
    });
  });

  it('loosen steadily from conservative to aggressive', () => {
    const [conservative, balanced, aggressive] = RISK_TOLERANCES.map((t) => THRESHOLDS[t]);
    expect(RISK_TOLERANCES).toEqual(['conservative', 'balanced', 'aggressive']);
    for (const [tighter, looser] of [
      [conservative, balanced],
      [balanced, aggressive],
    ]) {
      expect(looser?.acwrHighRisk).toBeGreaterThan(tighter?.acwrHighRisk ?? 0);
      expect(looser?.maxDaysWithoutRest).toBeGreaterThan(tighter?.maxDaysWithoutRest ?? 0);
      expect(looser?.divergenceOvertraining).toBeLessThan(tighter?.divergenceOvertraining ?? 0);
      expect(looser?.divergenceCaution).toBeLessThan(tighter?.divergenceCaution ?? 0);
      expect(looser?.undertrainingAcwr).toBeLessThan(tighter?.undertrainingAcwr ?? 0);
    }
    // the overtraining line is always past the caution line
    for (const t of RISK_TOLERANCES) {
      expect(THRESHOLDS[t].divergenceOvertraining).toBeLessThan(THRESHOLDS[t].divergenceCaution);
    }
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(THRESHOLDS)).toBe(true);
    expect(Object.isFrozen(THRESHOLDS.balanced)).toBe(true);
    expect(Object.isFrozen(ACWR_OPTIMAL_ZONE)).toBe(true);
  });

  it('rejects an unknown risk tolerance', () => {
    expect(() => thresholdsFor('reckless' as RiskTolerance)).toThrow(RangeError);
  });

  it("exports Gabbett's zones", () => {
    expect(ACWR_OPTIMAL_ZONE).toEqual({ min: 0.8, max: 1.3 });
    expect(ACWR_DANGER_ZONE).toBe(1.5);
  });
});
