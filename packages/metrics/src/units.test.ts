import { describe, expect, it } from 'vitest';
import {
  distanceIn,
  distanceUnitOf,
  formatActualDistance,
  formatDuration,
  formatElevation,
  formatPace,
  formatPaceRange,
  formatPlanDistance,
  formatRaceDistance,
  metersFrom,
  parseDuration,
  RACE_DISTANCE_PRESETS,
  raceDistancePresetOf,
  roundTo,
} from './units';

describe('units', () => {
  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(59)).toBe('0:59');
    expect(formatDuration(44 * 60 + 30)).toBe('44:30');
    // 3 h 25 min = 12,300 s
    expect(formatDuration(12_300)).toBe('3:25:00');
  });

  it('reads durations back as h:mm:ss, m:ss or whole minutes', () => {
    expect(parseDuration('3:25:00')).toBe(12_300);
    expect(parseDuration(' 44:30 ')).toBe(2670);
    expect(parseDuration('45')).toBe(2700);
    for (const bad of ['', '1:60', '1:2:3:4', 'abc', '-5', '1.5', '2:']) {
      expect(parseDuration(bad), bad).toBeNull();
    }
    expect(parseDuration(formatDuration(12_345))).toBe(12_345);
  });

  it('formats paces per km or per mile', () => {
    expect(formatPace(275, 'metric')).toBe('4:35/km');
    // 275 s/km × 1.609344 = 442.57 s/mi → 7:23/mi
    expect(formatPace(275, 'imperial')).toBe('7:23/mi');
    // 335 and 355 s/km rounded to 5 s: 5:35 and 5:55
    expect(formatPaceRange(335, 355, 'metric')).toBe('5:35–5:55/km');
  });

  it('formats distances and climbs in the athlete’s units', () => {
    expect(formatPlanDistance(12.5, 'metric')).toBe('12.5 km');
    // 8 km / 1.609344 = 4.97 mi → nearest half mile 5
    expect(formatPlanDistance(8, 'imperial')).toBe('5 mi');
    expect(formatActualDistance(10_180, 'metric')).toBe('10.2 km');
    // 10,180 m = 6.3256 mi
    expect(formatActualDistance(10_180, 'imperial')).toBe('6.3 mi');
    // 300 m × 3.28084 = 984.25 ft
    expect(formatElevation(300, 'imperial')).toBe('984 ft');
    expect(formatRaceDistance(42_195, 'metric')).toBe('Marathon');
    expect(formatRaceDistance(42_200, 'imperial')).toBe('Marathon');
    expect(formatRaceDistance(21_097.5, 'imperial')).toBe('Half marathon');
    expect(formatRaceDistance(10_000, 'imperial')).toBe('10 km');
    expect(formatRaceDistance(5_000, 'metric')).toBe('5 km');
    // A 50 km ultra goes by its name in miles too.
    expect(formatRaceDistance(50_000, 'imperial')).toBe('50 km');
    // 30 km / 1.609344 = 18.64 mi → nearest half mile 18.5
    expect(formatRaceDistance(30_000, 'imperial')).toBe('18.5 mi');
    expect(formatRaceDistance(30_000, 'metric')).toBe('30 km');
  });

  it('knows the standard race distances and converts distances to and from the athlete’s units', () => {
    expect(raceDistancePresetOf(42_195)).toBe('marathon');
    expect(raceDistancePresetOf(21_100)).toBe('half_marathon');
    expect(raceDistancePresetOf(50_000)).toBe('50k');
    expect(raceDistancePresetOf(15_000)).toBeNull();
    expect(RACE_DISTANCE_PRESETS).toEqual(['5k', '10k', 'half_marathon', 'marathon', '50k']);
    expect(metersFrom(10, 'metric')).toBe(10_000);
    expect(metersFrom(26.2, 'imperial')).toBeCloseTo(42_164.8, 1);
    expect(distanceIn(42_195, 'imperial')).toBe(26.22);
    expect(distanceIn(15_000, 'metric')).toBe(15);
    expect(distanceUnitOf('imperial')).toBe('mi');
  });

  it('rounds for display and leaves a missing value missing', () => {
    expect(roundTo(1.23456, 2)).toBe(1.23);
    expect(roundTo(-0.05164, 3)).toBe(-0.052);
    expect(roundTo(null, 2)).toBeNull();
  });
});
