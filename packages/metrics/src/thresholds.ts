export const RISK_TOLERANCES = ['conservative', 'balanced', 'aggressive'] as const;
export type RiskTolerance = (typeof RISK_TOLERANCES)[number];

export interface Thresholds {
  /** ACWR above this is a sharp rise in load. */
  acwrHighRisk: number;
  /** More consecutive training days than this calls for a rest day. */
  maxDaysWithoutRest: number;
  /** Normalized divergence at or below this: internal strain far outpacing the work. */
  divergenceOvertraining: number;
  /** Normalized divergence at or below this: the body is starting to struggle with the work. */
  divergenceCaution: number;
  /** Both ACWRs below this: load is falling away. */
  undertrainingAcwr: number;
}

export const THRESHOLDS: Readonly<Record<RiskTolerance, Readonly<Thresholds>>> = Object.freeze({
  conservative: Object.freeze({
    acwrHighRisk: 1.2,
    maxDaysWithoutRest: 6,
    divergenceOvertraining: -0.1,
    divergenceCaution: -0.03,
    undertrainingAcwr: 0.85,
  }),
  balanced: Object.freeze({
    acwrHighRisk: 1.3,
    maxDaysWithoutRest: 7,
    divergenceOvertraining: -0.15,
    divergenceCaution: -0.05,
    undertrainingAcwr: 0.8,
  }),
  aggressive: Object.freeze({
    acwrHighRisk: 1.5,
    maxDaysWithoutRest: 8,
    divergenceOvertraining: -0.2,
    divergenceCaution: -0.08,
    undertrainingAcwr: 0.75,
  }),
});

/** The ACWR band where load is building steadily (Gabbett 2016). */
export const ACWR_OPTIMAL_ZONE = Object.freeze({ min: 0.8, max: 1.3 });
/** ACWR above this is a spike in load (Gabbett 2016). */
export const ACWR_DANGER_ZONE = 1.5;

export function isRiskTolerance(value: unknown): value is RiskTolerance {
  return (RISK_TOLERANCES as readonly unknown[]).includes(value);
}

export function thresholdsFor(riskTolerance: RiskTolerance): Readonly<Thresholds> {
  // The value comes from stored settings, so check it at run time too.
  if (!isRiskTolerance(riskTolerance)) {
    throw new RangeError(`Unknown risk tolerance: ${String(riskTolerance)}`);
  }
  return THRESHOLDS[riskTolerance];
}
