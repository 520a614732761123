import { describe, expect, it } from 'vitest';
import { ActivityFileError } from './activity-file-error';
import { ELEVATION_HYSTERESIS_METERS, MAX_TRACK_POINTS, PAUSE_GAP_SECONDS } from './limits';
import {
  elevationGainMeters,
  heartRateSamples,
  heartRateSummary,
  movingClock,
  requireTrackSize,
  type TrackPoint,
} from './track';

const at = (seconds: number, fields: Partial<TrackPoint> = {}): TrackPoint => ({
  time: seconds * 1000,
  ...fields,
});
const profile = (elevations: number[]) => elevations.map((elevation, i) => at(i, { elevation }));

describe('movingClock', () => {
  it('leaves out every gap longer than the pause threshold, whole', () => {
    const gap = PAUSE_GAP_SECONDS + 1;
    expect(movingClock([at(0), at(5), at(5 + gap), at(10 + gap)])).toEqual([0, 5, 5, 10]);
    expect(movingClock([at(0), at(PAUSE_GAP_SECONDS)])).toEqual([0, PAUSE_GAP_SECONDS]);
  });
});

describe('elevationGainMeters', () => {
  it('ignores noise smaller than the hysteresis', () => {
    const flat = Array.from({ length: 500 }, (_, i) => 100 + (i % 2 === 0 ? 1.2 : -1.2));
    // every step counted would add 2.4 m × 250 = 600 m
    expect(elevationGainMeters(profile(flat))).toBe(0);
  });

  it('counts each climb from its low to its high once the turn is past the hysteresis', () => {
    // up 10, down 4, up 6, down 1 (noise), up 2: lows 100 and 106, highs 110 and 115
    expect(elevationGainMeters(profile([100, 105, 110, 106, 112, 111, 115]))).toBe(10 + 9);
  });

  it('leaves out a rise smaller than the hysteresis', () => {
    expect(elevationGainMeters(profile([100, 100 + ELEVATION_HYSTERESIS_METERS - 0.1, 100]))).toBe(
      0,
    );
  });

  it('skips points without elevation', () => {
    expect(elevationGainMeters([at(0, { elevation: 10 }), at(1), at(2, { elevation: 20 })])).toBe(
      10,
    );
  });
});

describe('heart rate', () => {
  it('drops implausible readings and puts samples on the moving clock', () => {
    const points = [
      at(0, { heartRate: 120 }),
      at(10, { heartRate: 0 }),
      at(20, { heartRate: 130 }),
      at(200, { heartRate: 140 }),
      at(210, { heartRate: 300 }),
    ];
    expect(heartRateSamples(points)).toEqual([
      { seconds: 0, bpm: 120 },
      { seconds: 20, bpm: 130 },
      { seconds: 20, bpm: 140 },
    ]);
  });

  it('averages over time, not over samples', () => {
    // 100 bpm for 90 s, then 200 bpm sampled densely for 10 s: time-weighted ≈ 110, not the sample mean
    const samples = [
      { seconds: 0, bpm: 100 },
      { seconds: 90, bpm: 100 },
      ...Array.from({ length: 10 }, (_, i) => ({ seconds: 91 + i, bpm: 200 })),
    ];
    const { averageHeartRate, maxHeartRate } = heartRateSummary(samples);
    // 90 s at 100 + 1 s ramp 100→200 (avg 150) + 9 s at 200 = (9000 + 150 + 1800) / 100 = 109.5
    expect(averageHeartRate).toBeCloseTo(109.5, 10);
    expect(maxHeartRate).toBe(200);
    expect(heartRateSummary([])).toEqual({ averageHeartRate: null, maxHeartRate: null });
    expect(heartRateSummary([{ seconds: 0, bpm: 150 }]).averageHeartRate).toBe(150);
  });
});

describe('requireTrackSize', () => {
  it('refuses more track points than the bound', () => {
    expect(() => requireTrackSize(MAX_TRACK_POINTS)).not.toThrow();
    expect(() => requireTrackSize(MAX_TRACK_POINTS + 1)).toThrow(ActivityFileError);
  });
});
