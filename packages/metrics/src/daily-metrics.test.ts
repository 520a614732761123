import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from './calendar';
import { type ActivityLoad, computeDailyMetrics, type DailyMetrics } from './daily-metrics';

function activity(localDate: LocalDate, externalLoad: number, internalLoad: number): ActivityLoad {
  return { localDate, externalLoad, internalLoad };
}

/** One activity a day from `first`, with the given [external, internal] loads. */
function everyDay(first: LocalDate, loads: readonly (readonly [number, number])[]): ActivityLoad[] {
  return loads.map(([external, internal], i) => activity(addDays(first, i), external, internal));
}

function rowOn(rows: readonly DailyMetrics[], date: LocalDate): DailyMetrics {
  const row = rows.find((r) => r.date === date);
  if (!row) throw new Error(`no row for ${date}`);
  return row;
}

const emptyDay = {
  externalLoad: 0,
  internalLoad: 0,
  externalAcuteLoad: 0,
  externalChronicLoad: 0,
  internalAcuteLoad: 0,
  internalChronicLoad: 0,
  externalAcwr: null,
  internalAcwr: null,
  externalAcwrEwma: null,
  internalAcwrEwma: null,
  normalizedDivergence: null,
  daysSinceRest: 0,
  monotony: null,
  strain: null,
};

describe('computeDailyMetrics: shape and input', () => {
  it('returns one zero-load row per date, with null ratios, when there is no data', () => {
    const rows = computeDailyMetrics([], { from: '2024-01-01', to: '2024-01-03' });
    expect(rows).toEqual([
      { date: '2024-01-01', ...emptyDay },
      { date: '2024-01-02', ...emptyDay },
      { date: '2024-01-03', ...emptyDay },
    ]);
  });

  it('is empty when `to` is before `from`', () => {
    expect(
      computeDailyMetrics([activity('2024-01-01', 5, 50)], {
        from: '2024-01-02',
        to: '2024-01-01',
      }),
    ).toEqual([]);
  });

  it('rejects malformed dates and loads', () => {
    const span = { from: '2024-01-01', to: '2024-01-07' };
    expect(() => computeDailyMetrics([], { from: '2024-1-1', to: '2024-01-07' })).toThrow(
      RangeError,
    );
    expect(() => computeDailyMetrics([activity('2024-02-30', 1, 1)], span)).toThrow(RangeError);
    expect(() => computeDailyMetrics([activity('2024-01-02', -1, 1)], span)).toThrow(RangeError);
    expect(() => computeDailyMetrics([activity('2024-01-02', 1, Number.NaN)], span)).toThrow(
      RangeError,
    );
  });
});

describe('computeDailyMetrics: daily and rolling loads', () => {
  it('adds up several activities on one day', () => {
    const [row] = computeDailyMetrics(
      [activity('2024-01-01', 5, 40), activity('2024-01-01', 3, 20)],
      {
        from: '2024-01-01',
        to: '2024-01-01',
      },
    );
    // external 5 + 3 = 8, internal 40 + 20 = 60
    expect(row?.externalLoad).toBeCloseTo(8, 10);
    expect(row?.internalLoad).toBeCloseTo(60, 10);
    // acute 8 / 7 = 1.142857, chronic 8 / 28 = 0.285714; internal 60 / 7 = 8.571429, 60 / 28 = 2.142857
    expect(row?.externalAcuteLoad).toBeCloseTo(1.142857, 6);
    expect(row?.externalChronicLoad).toBeCloseTo(0.285714, 6);
    expect(row?.internalAcuteLoad).toBeCloseTo(8.571429, 6);
    expect(row?.internalChronicLoad).toBeCloseTo(2.142857, 6);
    // one day of history: no ratios yet
    expect(row?.externalAcwr).toBeNull();
    expect(row?.internalAcwr).toBeNull();
    expect(row?.daysSinceRest).toBe(1);
  });

  it('counts days without activity as zero-load days', () => {
    const rows = computeDailyMetrics(
      [activity('2024-01-01', 6, 60), activity('2024-01-04', 8, 80)],
      {
        from: '2024-01-01',
        to: '2024-01-05',
      },
    );
    expect(rows.map((r) => r.date)).toEqual([
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
    ]);
    expect(rows.map((r) => r.externalLoad)).toEqual([6, 0, 0, 8, 0]);
    // Jan 4 and Jan 5: (6 + 8) / 7 = 2; the gap days count as zeros, they are not skipped
    expect(rowOn(rows, '2024-01-04').externalAcuteLoad).toBeCloseTo(2, 10);
    expect(rowOn(rows, '2024-01-05').externalAcuteLoad).toBeCloseTo(2, 10);
    // (60 + 80) / 28 = 5
    expect(rowOn(rows, '2024-01-05').internalChronicLoad).toBeCloseTo(5, 10);
    expect(rows.map((r) => r.daysSinceRest)).toEqual([1, 0, 0, 1, 0]);
  });

  it('keeps a day in the acute window for 7 days and in the chronic window for 28', () => {
    const rows = computeDailyMetrics([activity('2024-01-01', 7, 70)], {
      from: '2024-01-01',
      to: '2024-01-29',
    });
    // acute: 7 / 7 = 1 through Jan 7 (Jan 1 + 6 days), 0 from Jan 8
    expect(rowOn(rows, '2024-01-07').externalAcuteLoad).toBeCloseTo(1, 10);
    expect(rowOn(rows, '2024-01-08').externalAcuteLoad).toBe(0);
    // chronic: 7 / 28 = 0.25 through Jan 28 (Jan 1 + 27 days), 0 from Jan 29
    const jan28 = rowOn(rows, '2024-01-28');
    expect(jan28.externalChronicLoad).toBeCloseTo(0.25, 10);
    expect(rowOn(rows, '2024-01-29').externalChronicLoad).toBe(0);
    // Jan 28 has 28 days of history: ACWR = 0 / 0.25 = 0; the divergence mean (0 + 0) / 2 is 0 → null
    expect(jan28.externalAcwr).toBe(0);
    expect(jan28.internalAcwr).toBe(0);
    expect(jan28.normalizedDivergence).toBeNull();
  });
});

describe('computeDailyMetrics: history and ratios', () => {
  // Jan 1 to Jan 28 at 10 external / 50 internal every day
  const steady = everyDay(
    '2024-01-01',
    Array.from({ length: 28 }, () => [10, 50] as const),
  );

  it('reports loads but no ratios with fewer than 28 days of history', () => {
    const jan27 = rowOn(
      computeDailyMetrics(steady, { from: '2024-01-27', to: '2024-01-28' }),
      '2024-01-27',
    );
    // 27 days of history (Jan 1 to Jan 27): acute 70 / 7 = 10, chronic 270 / 28 = 9.642857
    expect(jan27.externalAcuteLoad).toBeCloseTo(10, 10);
    expect(jan27.externalChronicLoad).toBeCloseTo(9.642857, 6);
    expect(jan27.externalAcwr).toBeNull();
    expect(jan27.internalAcwr).toBeNull();
    expect(jan27.externalAcwrEwma).toBeNull();
    expect(jan27.internalAcwrEwma).toBeNull();
    expect(jan27.normalizedDivergence).toBeNull();
  });

  it('gives ratios from the 28th day of history', () => {
    const jan28 = rowOn(
      computeDailyMetrics(steady, { from: '2024-01-27', to: '2024-01-28' }),
      '2024-01-28',
    );
    // acute 70 / 7 = 10, chronic 280 / 28 = 10 → 1; internal 350 / 7 = 50, 1400 / 28 = 50 → 1
    expect(jan28.externalAcwr).toBeCloseTo(1, 10);
    expect(jan28.internalAcwr).toBeCloseTo(1, 10);
    // (1 - 1) / 1 = 0
    expect(jan28.normalizedDivergence).toBeCloseTo(0, 10);
    // constant load L from 0: acute EWMA = L(1 - 0.75^28), chronic = L(1 - (27/29)^28)
    // 0.75^28 = 0.000317; (27/29)^28 = e^(28 × -0.0714589) = 0.135220 → 0.999683 / 0.864780 = 1.155997
    expect(jan28.externalAcwrEwma).toBeCloseTo(1.155997, 5);
    expect(jan28.internalAcwrEwma).toBeCloseTo(1.155997, 5);
    // trained every day since history began
    expect(jan28.daysSinceRest).toBe(28);
  });

  it('counts history from the first activity, not from `from`', () => {
    const rows = computeDailyMetrics(steady, { from: '2023-12-25', to: '2024-01-28' });
    expect(rows).toHaveLength(35); // Dec 25 to Jan 28
    // the week before the first activity is all zero rows
    expect(rowOn(rows, '2023-12-31')).toEqual({ date: '2023-12-31', ...emptyDay });
    expect(rowOn(rows, '2024-01-27').externalAcwr).toBeNull();
    expect(rowOn(rows, '2024-01-28').externalAcwr).toBeCloseTo(1, 10);
  });

  it('works out the EWMA ratio after a few days by hand, using activities before `from` and none after `to`', () => {
    const activities = [
      activity('2024-01-01', 0, 0), // history starts here; zero load
      activity('2024-01-26', 10, 100),
      activity('2024-01-27', 20, 200),
      activity('2024-02-05', 99, 999), // after `to`: ignored
    ];
    const rows = computeDailyMetrics(activities, { from: '2024-01-28', to: '2024-01-28' });
    expect(rows).toHaveLength(1);
    const [jan28] = rows;
    // EWMAs are 0 until Jan 26 (all loads 0), λa = 0.25, λc = 2/29, 1 - λc = 27/29
    // acute:   Jan 26 0.25 × 10 = 2.5; Jan 27 0.25 × 20 + 0.75 × 2.5 = 6.875; Jan 28 0.75 × 6.875 = 5.15625
    // chronic: Jan 26 20/29 = 0.689655; Jan 27 40/29 + 27/29 × 0.689655 = 2.021403; Jan 28 27/29 × 2.021403 = 1.881996
    // ratio 5.15625 / 1.881996 = 2.739778 (internal: every load × 10, same ratio)
    expect(jan28?.externalAcwrEwma).toBeCloseTo(2.739778, 5);
    expect(jan28?.internalAcwrEwma).toBeCloseTo(2.739778, 5);
    // rolling: acute 30 / 7 = 4.285714, chronic 30 / 28 = 1.071429 → 4
    expect(jan28?.externalAcuteLoad).toBeCloseTo(4.285714, 6);
    expect(jan28?.externalChronicLoad).toBeCloseTo(1.071429, 6);
    expect(jan28?.externalAcwr).toBeCloseTo(4, 10);
    expect(jan28?.internalAcwr).toBeCloseTo(4, 10);
    expect(jan28?.externalLoad).toBe(0);
    expect(jan28?.daysSinceRest).toBe(0);
  });

  it('works out ACWR and normalized divergence by hand', () => {
    // Jan 1-21 at 4 / 40, Jan 22-28 at 8 / 100
    const activities = everyDay('2024-01-01', [
      ...Array.from({ length: 21 }, () => [4, 40] as const),
      ...Array.from({ length: 7 }, () => [8, 100] as const),
    ]);
    const [jan28] = computeDailyMetrics(activities, { from: '2024-01-28', to: '2024-01-28' });
    // external: acute 56 / 7 = 8, chronic (84 + 56) / 28 = 5 → 1.6
    // internal: acute 700 / 7 = 100, chronic (840 + 700) / 28 = 55 → 20/11 = 1.818182
    // divergence (1.6 - 1.818182) / ((1.6 + 1.818182) / 2) = (-2.4/11) / (37.6/22) = -4.8 / 37.6 = -0.127660
    expect(jan28?.externalAcwr).toBeCloseTo(1.6, 10);
    expect(jan28?.internalAcwr).toBeCloseTo(1.818182, 6);
    expect(jan28?.normalizedDivergence).toBeCloseTo(-0.12766, 5);
  });
});

describe('computeDailyMetrics: zero chronic load', () => {
  it('gives a null internal ratio when internal load was never recorded', () => {
    // 28 days of running with no heart rate and no RPE: internal load 0 every day
    const activities = everyDay(
      '2024-01-01',
      Array.from({ length: 28 }, () => [5, 0] as const),
    );
    const [jan28] = computeDailyMetrics(activities, { from: '2024-01-28', to: '2024-01-28' });
    expect(jan28?.externalAcwr).toBeCloseTo(1, 10); // 35 / 7 = 5 over 140 / 28 = 5
    expect(jan28?.internalAcwr).toBeNull();
    expect(jan28?.internalAcwrEwma).toBeNull();
    expect(jan28?.normalizedDivergence).toBeNull();
  });

  it('gives null ratios, never Infinity or NaN, after four weeks off', () => {
    // loads chosen so a running sum does not come back to exactly 0 in floating point:
    // 0.1 + 0.7 + 0.2 - 0.1 - 0.7 - 0.2 = 5.6e-17 and 7.3 + 11.9 + 0.4 - 7.3 - 11.9 - 0.4 = -3.2e-15
    const activities = [
      activity('2024-01-01', 0.1, 7.3),
      activity('2024-01-02', 0.7, 11.9),
      activity('2024-01-03', 0.2, 0.4),
    ];
    const rows = computeDailyMetrics(activities, { from: '2024-01-30', to: '2024-02-28' });
    // Jan 31 is 28 days after Jan 3: Jan 3 is out of the window from then on
    for (const row of rows.filter((r) => r.date >= '2024-01-31')) {
      expect(row.externalChronicLoad).toBe(0);
      expect(row.internalChronicLoad).toBe(0);
      expect(row.externalAcwr).toBeNull();
      expect(row.internalAcwr).toBeNull();
      expect(row.normalizedDivergence).toBeNull();
    }
    // the EWMA never reaches exactly 0, but its ratio stays a small finite number
    const feb28 = rowOn(rows, '2024-02-28');
    expect(Number.isFinite(feb28.externalAcwrEwma)).toBe(true);
    expect(feb28.externalAcwrEwma).toBeLessThan(0.01);
  });
});

describe('computeDailyMetrics: days since rest', () => {
  it('resets on a day whose TRIMP is 10 or less, even with an activity', () => {
    const activities = everyDay('2024-01-01', [
      [5, 60],
      [5, 60],
      [5, 60],
      [5, 60],
      [5, 60],
      [3, 8], // an easy shakeout: TRIMP 8 ≤ 10 is a rest day
      [5, 60],
      [2, 10], // exactly 10 is still rest
      [2, 10.5], // just above 10 is not
    ]);
    const rows = computeDailyMetrics(activities, { from: '2024-01-01', to: '2024-01-10' });
    expect(rows.map((r) => r.daysSinceRest)).toEqual([1, 2, 3, 4, 5, 0, 1, 0, 1, 0]);
  });
});

describe('computeDailyMetrics: monotony and strain', () => {
  it('works out monotony and strain by hand', () => {
    const activities = everyDay('2024-01-01', [
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 40],
      [5, 50],
      [6, 60],
      [7, 70],
    ]);
    const jan7 = rowOn(
      computeDailyMetrics(activities, { from: '2024-01-01', to: '2024-01-07' }),
      '2024-01-07',
    );
    // mean 280 / 7 = 40; squared deviations 900 + 400 + 100 + 0 + 100 + 400 + 900 = 2800;
    // population variance 2800 / 7 = 400, sd 20 → monotony 40 / 20 = 2; strain 280 × 2 = 560
    expect(jan7.monotony).toBeCloseTo(2, 10);
    expect(jan7.strain).toBeCloseTo(560, 8);
  });

  it('counts the days before history as zeros in the first week', () => {
    const activities = [activity('2024-01-26', 10, 100), activity('2024-01-27', 20, 200)];
    const jan28 = rowOn(
      computeDailyMetrics(activities, { from: '2024-01-26', to: '2024-01-28' }),
      '2024-01-28',
    );
    // week Jan 22-28: 0, 0, 0, 0, 100, 200, 0 → mean 300 / 7; E[x²] = 50000 / 7;
    // variance 50000/7 - 90000/49 = 260000/49, sd √260000 / 7 = 509.902 / 7 = 72.8431
    // monotony (300/7) / (509.902/7) = 300 / 509.902 = 0.588348; strain 300 × 0.588348 = 176.5045
    expect(jan28.monotony).toBeCloseTo(0.588348, 5);
    expect(jan28.strain).toBeCloseTo(176.5045, 3);
  });

  it('is null, with null strain, when every day of the week has the same load (sd 0)', () => {
    // with running sums, 7 × 88.8² / 7 - 88.8² leaves +3.6e-12, which would give monotony ≈ 4.6e7;
    // seven equal loads must give sd exactly 0
    const activities = everyDay(
      '2024-01-01',
      Array.from({ length: 10 }, () => [5, 88.8] as const),
    );
    const rows = computeDailyMetrics(activities, { from: '2024-01-01', to: '2024-01-10' });
    // Jan 1-6: the week still holds days before history (zeros), so sd > 0
    expect(rowOn(rows, '2024-01-06').monotony).not.toBeNull();
    for (const date of ['2024-01-07', '2024-01-08', '2024-01-10']) {
      expect(rowOn(rows, date).monotony).toBeNull();
      expect(rowOn(rows, date).strain).toBeNull();
    }
  });
});
