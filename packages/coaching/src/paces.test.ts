import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLD_PACE,
  derivePaces,
  heartRateBands,
  racePaceFor,
  riegelSeconds,
  thresholdPaceFrom,
} from './paces';

const TODAY = '2026-11-26';

describe('Riegel', () => {
  it('scales time by distance to the power 1.06', () => {
    expect(riegelSeconds(10_000, 2700, 10_000)).toBe(2700);
    expect(riegelSeconds(10_000, 2700, 21_097.5)).toBeCloseTo(2700 * 2.10975 ** 1.06, 6);
  });

  it('puts threshold pace a little slower than 10 km pace for a 45-minute runner', () => {
    const pace = thresholdPaceFrom(10_000, 2700);
    expect(pace).toBeGreaterThan(270);
    expect(pace).toBeLessThan(280);
  });
});

describe('derivePaces', () => {
  it('uses the best recent race result, ignoring old ones', () => {
    const paces = derivePaces({
      today: TODAY,
      raceResults: [
        { date: '2026-10-01', distanceMeters: 10_000, finishTimeSeconds: 2700 },
        { date: '2026-09-01', distanceMeters: 5000, finishTimeSeconds: 1500 },
        { date: '2025-01-01', distanceMeters: 5000, finishTimeSeconds: 1000 },
      ],
    });
    expect(paces.source).toBe('race_result');
    expect(paces.thresholdSecondsPerKm).toBeCloseTo(thresholdPaceFrom(10_000, 2700), 6);
    expect(paces.basis).toContain('10 km in 45:00 on 2026-10-01');
  });

  it('falls back to a threshold estimate, then the goal, then a default', () => {
    expect(derivePaces({ today: TODAY, thresholdPaceSecondsPerKm: 290 }).source).toBe('threshold');
    const goal = derivePaces({
      today: TODAY,
      goal: { distanceMeters: 21_097.5, targetTimeSeconds: 5400 },
    });
    expect(goal.source).toBe('goal');
    const fallback = derivePaces({ today: TODAY });
    expect(fallback.source).toBe('default');
    expect(fallback.thresholdSecondsPerKm).toBe(DEFAULT_THRESHOLD_PACE);
  });

  it('orders the bands from recovery (slowest) to intervals (fastest)', () => {
    const { pace } = derivePaces({ today: TODAY, thresholdPaceSecondsPerKm: 300 });
    expect(pace.recovery.fast).toBeGreaterThan(pace.threshold.slow);
    expect(pace.easy.fast).toBeGreaterThan(pace.marathon.slow);
    expect(pace.marathon.fast).toBeGreaterThan(pace.threshold.slow);
    expect(pace.interval.slow).toBeLessThan(pace.threshold.fast);
    expect(pace.threshold).toEqual({ fast: 294, slow: 306 });
  });

  it('predicts the hour at threshold pace and races by Riegel from it', () => {
    const paces = derivePaces({ today: TODAY, thresholdPaceSecondsPerKm: 300 });
    expect(paces.predictSeconds(12_000)).toBeCloseTo(3600, 6);
    expect(paces.predictSeconds(42_195)).toBeCloseTo(3600 * (42_195 / 12_000) ** 1.06, 6);
    expect(racePaceFor(paces, { distanceMeters: 10_000, targetTimeSeconds: 3000 })).toBe(300);
  });
});

describe('heart-rate bands (Karvonen)', () => {
  it('are resting + a share of the reserve', () => {
    const bands = heartRateBands(50, 190);
    expect(bands?.easy).toEqual({ low: 50 + 0.6 * 140, high: Math.round(50 + 0.72 * 140) });
    expect(bands?.threshold.low).toBe(Math.round(50 + 0.84 * 140));
  });

  it('are null without both heart rates', () => {
    expect(heartRateBands(null, 190)).toBeNull();
    expect(heartRateBands(50, undefined)).toBeNull();
    expect(heartRateBands(60, 55)).toBeNull();
  });
});
