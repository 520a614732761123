import { describe, expect, it } from 'vitest';
import {
  type AssessedMetrics,
  type Assessment,
  assessTrainingState,
  type PainReport,
} from './assessment';
import { THRESHOLDS, type Thresholds } from './thresholds';

// balanced: acwrHighRisk 1.3, maxDaysWithoutRest 7, divergenceOvertraining -0.15,
// divergenceCaution -0.05, undertrainingAcwr 0.8
const balanced = THRESHOLDS.balanced;

const steadyDay: AssessedMetrics = {
  date: '2024-03-10',
  externalAcwr: 1,
  internalAcwr: 1,
  normalizedDivergence: 0,
  daysSinceRest: 2,
};

function assess(
  today: Partial<AssessedMetrics>,
  recentPain: PainReport[] = [],
  thresholds: Thresholds = balanced,
): Assessment {
  return assessTrainingState({ today: { ...steadyDay, ...today }, thresholds, recentPain });
}

describe('assessTrainingState: each rule', () => {
  it('is normal when every number is inside the thresholds', () => {
    const { status, reasons } = assess({});
    expect(status).toBe('normal');
    expect(reasons).toEqual([
      'External ACWR 1.00 is within your range of 0.80 to 1.30',
      'Internal ACWR 1.00 is within your range of 0.80 to 1.30',
    ]);
  });

  it('calls for rest after more days in a row than the maximum', () => {
    expect(assess({ daysSinceRest: 7 }).status).toBe('normal'); // 7 is not over 7
    const { status, reasons } = assess({ daysSinceRest: 8 });
    expect(status).toBe('mandatory_rest');
    expect(reasons).toEqual(['8 days in a row without a rest day, more than your maximum of 7']);
  });

  it('calls for rest after pain of 60% or more on the two latest, consecutive journal days', () => {
    const { status, reasons } = assess({}, [
      { date: '2024-03-07', painPercentage: 0 },
      { date: '2024-03-09', painPercentage: 60 },
      { date: '2024-03-10', painPercentage: 80 },
    ]);
    expect(status).toBe('mandatory_rest');
    expect(reasons).toEqual([
      'Pain at 60% on 2024-03-09 and 80% on 2024-03-10: two days in a row at 60% or more',
    ]);
    // yesterday and the day before count when today has no entry yet
    expect(
      assess({}, [
        { date: '2024-03-08', painPercentage: 100 },
        { date: '2024-03-09', painPercentage: 60 },
      ]).status,
    ).toBe('mandatory_rest');
  });

  it('does not call for rest on pain that is not on two consecutive latest days', () => {
    const notConsecutive = [
      { date: '2024-03-08', painPercentage: 80 },
      { date: '2024-03-10', painPercentage: 80 },
    ];
    const latestBelow = [
      { date: '2024-03-09', painPercentage: 80 },
      { date: '2024-03-10', painPercentage: 40 },
    ];
    const olderStreak = [
      { date: '2024-03-07', painPercentage: 80 },
      { date: '2024-03-08', painPercentage: 80 },
      { date: '2024-03-09', painPercentage: 20 },
      { date: '2024-03-10', painPercentage: 20 },
    ];
    const afterToday = [
      { date: '2024-03-10', painPercentage: 80 },
      { date: '2024-03-11', painPercentage: 80 }, // not yet lived
    ];
    for (const reports of [notConsecutive, latestBelow, olderStreak, afterToday]) {
      expect(assess({}, reports).status).toBe('normal');
    }
  });

  it('skips journal days without a pain answer', () => {
    const reports = [
      { date: '2024-03-08', painPercentage: 60 },
      { date: '2024-03-09', painPercentage: 60 },
      { date: '2024-03-10', painPercentage: null },
    ];
    expect(assess({}, reports).status).toBe('mandatory_rest');
  });

  it('flags overtraining when divergence is at or below the overtraining threshold', () => {
    // external 0.90, internal 1.05: (0.90 - 1.05) / 0.975 = -0.153846
    const { status, reasons } = assess({
      externalAcwr: 0.9,
      internalAcwr: 1.05,
      normalizedDivergence: -0.153846,
    });
    expect(status).toBe('overtraining');
    expect(reasons).toEqual([
      'Normalized divergence -0.15 is at or below your overtraining threshold of -0.15: ' +
        'internal strain is outpacing the work done',
    ]);
  });

  it('flags a high ACWR when both ratios are above the high-risk threshold', () => {
    // (1.42 - 1.35) / 1.385 = 0.050542
    const { status, reasons } = assess({
      externalAcwr: 1.42,
      internalAcwr: 1.35,
      normalizedDivergence: 0.050542,
    });
    expect(status).toBe('high_acwr');
    expect(reasons).toEqual([
      'External ACWR 1.42 is above your high-risk threshold of 1.30',
      'Internal ACWR 1.35 is above your high-risk threshold of 1.30',
    ]);
  });

  it('asks for recovery when divergence is at or below the caution threshold', () => {
    // (1.00 - 1.08) / 1.04 = -0.076923: below -0.05, above -0.15
    const { status, reasons } = assess({ internalAcwr: 1.08, normalizedDivergence: -0.076923 });
    expect(status).toBe('recovery_needed');
    expect(reasons).toEqual([
      'Normalized divergence -0.08 is at or below your caution threshold of -0.05: ' +
        'your body is working harder than the load suggests',
    ]);
  });

  it('asks for recovery when exactly one ratio is above the high-risk threshold', () => {
    // (1.40 - 1.20) / 1.30 = 0.153846
    const { status, reasons } = assess({
      externalAcwr: 1.4,
      internalAcwr: 1.2,
      normalizedDivergence: 0.153846,
    });
    expect(status).toBe('recovery_needed');
    expect(reasons).toEqual(['External ACWR 1.40 is above your high-risk threshold of 1.30']);
  });

  it('flags undertraining when both ratios are below the undertraining threshold', () => {
    // (0.75 - 0.70) / 0.725 = 0.068966
    const { status, reasons } = assess({
      externalAcwr: 0.75,
      internalAcwr: 0.7,
      normalizedDivergence: 0.068966,
    });
    expect(status).toBe('undertraining');
    expect(reasons).toEqual([
      'External ACWR 0.75 is below your undertraining threshold of 0.80',
      'Internal ACWR 0.70 is below your undertraining threshold of 0.80',
    ]);
  });

  it('says history is insufficient when both ratios are null and nothing else fired', () => {
    const { status, reasons } = assess({
      externalAcwr: null,
      internalAcwr: null,
      normalizedDivergence: null,
    });
    expect(status).toBe('insufficient_history');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/28 days/);
  });

  it('follows the risk tolerance', () => {
    // 1.25 and 1.22 are above conservative 1.2 but not balanced 1.3; (1.25 - 1.22) / 1.235 = 0.024291
    const today = { externalAcwr: 1.25, internalAcwr: 1.22, normalizedDivergence: 0.024291 };
    expect(assess(today, [], THRESHOLDS.conservative)).toEqual({
      status: 'high_acwr',
      reasons: [
        'External ACWR 1.25 is above your high-risk threshold of 1.20',
        'Internal ACWR 1.22 is above your high-risk threshold of 1.20',
      ],
    });
    expect(assess(today).status).toBe('normal');
    expect(assess({ daysSinceRest: 8 }, [], THRESHOLDS.aggressive).status).toBe('normal'); // max 8
  });
});

describe('assessTrainingState: precedence', () => {
  it('mandatory rest wins over overtraining, and only its reasons are given', () => {
    // days 9 > 7 and divergence -0.20 ≤ -0.15 both fire
    const { status, reasons } = assess({ daysSinceRest: 9, normalizedDivergence: -0.2 });
    expect(status).toBe('mandatory_rest');
    expect(reasons).toEqual(['9 days in a row without a rest day, more than your maximum of 7']);
  });

  it('mandatory rest lists both causes when both fire', () => {
    const { reasons } = assess({ daysSinceRest: 8 }, [
      { date: '2024-03-09', painPercentage: 80 },
      { date: '2024-03-10', painPercentage: 80 },
    ]);
    expect(reasons).toHaveLength(2);
  });

  it('overtraining wins over a high ACWR', () => {
    // both above 1.3, and (1.40 - 1.80) / 1.60 = -0.25 ≤ -0.15
    expect(
      assess({ externalAcwr: 1.4, internalAcwr: 1.8, normalizedDivergence: -0.25 }).status,
    ).toBe('overtraining');
  });

  it('a high ACWR wins over recovery needed', () => {
    // both above 1.3, and (1.40 - 1.50) / 1.45 = -0.068966 ≤ -0.05
    expect(
      assess({ externalAcwr: 1.4, internalAcwr: 1.5, normalizedDivergence: -0.068966 }).status,
    ).toBe('high_acwr');
  });

  it('recovery needed wins over undertraining', () => {
    // both below 0.8, and (0.70 - 0.75) / 0.725 = -0.068966 ≤ -0.05
    expect(
      assess({ externalAcwr: 0.7, internalAcwr: 0.75, normalizedDivergence: -0.068966 }).status,
    ).toBe('recovery_needed');
  });

  it('mandatory rest wins over insufficient history', () => {
    const early = { externalAcwr: null, internalAcwr: null, normalizedDivergence: null };
    expect(assess({ ...early, daysSinceRest: 8 }).status).toBe('mandatory_rest');
  });
});

describe('assessTrainingState: null and boundary values', () => {
  it('never lets a null ratio trigger a rule', () => {
    // only the external ratio is known: "both above" and "both below" cannot hold
    const high = assess({ externalAcwr: 1.6, internalAcwr: null, normalizedDivergence: null });
    expect(high.status).toBe('recovery_needed'); // exactly one known ratio is above 1.3
    expect(high.reasons).toEqual(['External ACWR 1.60 is above your high-risk threshold of 1.30']);

    const low = assess({ externalAcwr: 0.5, internalAcwr: null, normalizedDivergence: null });
    expect(low).toEqual({
      status: 'normal',
      reasons: [
        'External ACWR 0.50 is below your undertraining threshold of 0.80',
        'Internal ACWR is not available',
      ],
    });
  });

  it('compares the numbers as shown, to two decimals', () => {
    // 1.304 shows as 1.30, which is not above 1.30; (1.304 - 1.30) / 1.302 = 0.003072
    expect(
      assess({ externalAcwr: 1.304, internalAcwr: 1.3, normalizedDivergence: 0.003072 }).status,
    ).toBe('normal');
    // 1.306 shows as 1.31 on both
    expect(
      assess({ externalAcwr: 1.306, internalAcwr: 1.306, normalizedDivergence: 0 }).status,
    ).toBe('high_acwr');
  });

  it('never claims to predict injury, whatever the status', () => {
    const painful = [
      { date: '2024-03-09', painPercentage: 80 },
      { date: '2024-03-10', painPercentage: 80 },
    ];
    const assessments = [
      assess({}),
      assess({ daysSinceRest: 8 }, painful),
      assess({ normalizedDivergence: -0.3 }),
      assess({ externalAcwr: 1.6, internalAcwr: 1.7 }),
      assess({ externalAcwr: 1.6, normalizedDivergence: -0.1 }),
      assess({ externalAcwr: 0.5, internalAcwr: 0.5 }),
      assess({ externalAcwr: null, internalAcwr: null, normalizedDivergence: null }),
    ];
    expect(new Set(assessments.map((a) => a.status)).size).toBe(7);
    for (const reason of assessments.flatMap((a) => a.reasons)) {
      expect(reason).not.toMatch(/injur|predict|diagnos/i);
    }
  });
});
