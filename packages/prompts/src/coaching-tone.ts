import {
  ACWR_DANGER_ZONE,
  ACWR_OPTIMAL_ZONE,
  type CoachingStyle,
  coachingStyleFor,
  isRiskTolerance,
  type RiskTolerance,
  type Thresholds,
  thresholdsFor,
} from '@coach/metrics';

/** How the coach talks in each style: tone, directness and how much it leans on numbers. */
export const COACHING_TONE_INSTRUCTIONS: Readonly<Record<CoachingStyle, string>> = Object.freeze({
  casual:
    'Talk like a relaxed running buddy: warm, light and encouraging, in plain everyday words. ' +
    'Suggest rather than prescribe, and keep numbers to the one or two that matter, explained simply. ' +
    'Still say clearly when something needs care, such as rest or a pain warning.',
  supportive:
    'Be a patient, encouraging coach: acknowledge effort and how the athlete feels before giving advice. ' +
    'Give clear recommendations in a gentle way and explain the reasons behind them. ' +
    'Use the key numbers with a short explanation of what they mean for the athlete.',
  motivational:
    'Be an energetic coach who pushes the athlete toward their goals with confidence and belief in them. ' +
    'Be direct: say what to do and what it will build, and frame setbacks as part of the process. ' +
    'Use numbers to show progress and to set concrete targets.',
  analytical:
    "Be a precise, data-driven coach: lead with the metrics, compare them with the athlete's thresholds and explain cause and effect. " +
    'Be direct and specific, with exact values, dates and trends, and state how certain the data lets you be. ' +
    'Keep encouragement brief and factual.',
});

/**
 * Tone instructions for a coaching spectrum setting (0–100): casual up to 25, supportive up to 50,
 * motivational up to 75, analytical above. Throws a RangeError outside 0–100, as `coachingStyleFor`.
 */
export function coachingToneInstructions(spectrum: number): string {
  return COACHING_TONE_INSTRUCTIONS[coachingStyleFor(spectrum)];
}

/** One line on what each risk tolerance means for the athlete. */
const RISK_TOLERANCE_MEANINGS: Readonly<Record<RiskTolerance, string>> = Object.freeze({
  conservative:
    'Conservative: flags load rises and fatigue early and prefers rest when in doubt; suits athletes who are new, returning from injury or injury-prone.',
  balanced: `Balanced: the standard limits, close to the ${fixed2(ACWR_OPTIMAL_ZONE.min)}–${fixed2(ACWR_OPTIMAL_ZONE.max)} ACWR band where load builds steadily (Gabbett 2016).`,
  aggressive: `Aggressive: accepts bigger load rises (up to the ${fixed2(ACWR_DANGER_ZONE)} danger zone) and longer streaks before flagging them; suits experienced athletes in a deliberate build, with more risk of overreaching.`,
});

function fixed2(value: number): string {
  return value.toFixed(2);
}

/** A threshold as text: two decimals, with a true minus sign for negatives. */
function formatThreshold(value: number, name: string): string {
  if (!Number.isFinite(value))
    throw new RangeError(`Threshold ${name} must be a finite number, got ${value}`);
  const text = Math.abs(value).toFixed(2);
  return value < 0 && text !== '0.00' ? `\u2212${text}` : text;
}

/**
 * The athlete's thresholds as readable lines for the prompt, followed by one line on what their
 * risk tolerance means. `thresholds` defaults to the standard ones for the tolerance.
 */
export function describeThresholds(
  riskTolerance: RiskTolerance,
  thresholds: Readonly<Thresholds> = thresholdsFor(riskTolerance),
): string {
  // Stored settings reach this at run time, so check the value too.
  if (!isRiskTolerance(riskTolerance)) {
    throw new RangeError(`Unknown risk tolerance: ${String(riskTolerance)}`);
  }
  const maxDays = thresholds.maxDaysWithoutRest;
  if (!Number.isInteger(maxDays) || maxDays < 0) {
    throw new RangeError(`Threshold maxDaysWithoutRest must be a whole number, got ${maxDays}`);
  }
  return [
    `ACWR high risk: above ${formatThreshold(thresholds.acwrHighRisk, 'acwrHighRisk')}`,
    `Maximum days without rest: ${maxDays}`,
    `Divergence overtraining: ${formatThreshold(thresholds.divergenceOvertraining, 'divergenceOvertraining')} or below`,
    `Divergence caution: ${formatThreshold(thresholds.divergenceCaution, 'divergenceCaution')} or below`,
    `Undertraining: ACWR below ${formatThreshold(thresholds.undertrainingAcwr, 'undertrainingAcwr')}`,
    RISK_TOLERANCE_MEANINGS[riskTolerance],
  ].join('\n');
}
