import { describe, expect, it } from 'vitest';
import { REST_DAY_MAX_INTERNAL_LOAD } from './daily-metrics';
import {
  externalLoad,
  type HeartRateSample,
  heartRateSecondsOf,
  internalLoad,
  SESSION_RPE_TO_TRIMP,
  trimpFromHeartRateSeconds,
} from './load';

describe('externalLoad by sport', () => {
  const tenKm = { distanceMeters: 10_000, elevationGainMeters: 100, movingTimeSeconds: 3600 };
  // 10 km = 6.2137 mi; 100 m = 328.08 ft → 0.43745 mi: 6.6512 run-equivalent miles
  it('counts runs and trail runs whole, with their climb; treadmill runs without climb', () => {
    expect(externalLoad({ ...tenKm, type: 'run' })).toBeCloseTo(6.6512, 4);
    expect(externalLoad({ ...tenKm, type: 'trail_run' })).toBeCloseTo(6.6512, 4);
    expect(externalLoad({ ...tenKm, type: 'treadmill_run' })).toBeCloseTo(6.2137, 4);
  });

  it('counts a ride a quarter, a swim four times, a walk or hike half', () => {
    expect(externalLoad({ ...tenKm, type: 'ride' })).toBeCloseTo(6.6512 / 4, 4);
    expect(externalLoad({ distanceMeters: 2000, type: 'swim' })).toBeCloseTo(4.971, 3);
    expect(externalLoad({ ...tenKm, type: 'walk' })).toBeCloseTo(6.6512 / 2, 4);
    expect(externalLoad({ ...tenKm, type: 'hike' })).toBeCloseTo(6.6512 / 2, 4);
  });

  it('counts cross-training by time: an hour as three easy miles, whatever its distance', () => {
    expect(externalLoad({ ...tenKm, type: 'other' })).toBeCloseTo(3, 10);
    expect(externalLoad({ distanceMeters: 0, movingTimeSeconds: 1800, type: 'yoga' })).toBeCloseTo(
      1.5,
      10,
    );
  });
});

describe('externalLoad', () => {
  it('is miles plus feet of climb / 750', () => {
    // 10 km = 10000 / 1609.344 = 6.2137 mi; 300 m = 300 / 0.3048 = 984.25 ft → 984.25 / 750 = 1.3123;
    // total 7.5260
    expect(externalLoad({ distanceMeters: 10_000, elevationGainMeters: 300 })).toBeCloseTo(
      7.526,
      3,
    );
  });

  it('counts one mile flat and 750 ft of climb as one each', () => {
    expect(externalLoad({ distanceMeters: 1609.344, elevationGainMeters: 0 })).toBeCloseTo(1, 10);
    // 750 ft × 0.3048 = 228.6 m
    expect(externalLoad({ distanceMeters: 0, elevationGainMeters: 228.6 })).toBeCloseTo(1, 10);
  });

  it('treats missing elevation as flat', () => {
    // 5 km = 5000 / 1609.344 = 3.1069 mi
    expect(externalLoad({ distanceMeters: 5000 })).toBeCloseTo(3.1069, 4);
    expect(externalLoad({ distanceMeters: 5000, elevationGainMeters: null })).toBeCloseTo(
      3.1069,
      4,
    );
  });

  it('rejects negative or non-finite input', () => {
    expect(() => externalLoad({ distanceMeters: -1 })).toThrow(RangeError);
    expect(() => externalLoad({ distanceMeters: 1000, elevationGainMeters: -5 })).toThrow(
      RangeError,
    );
    expect(() => externalLoad({ distanceMeters: Number.NaN })).toThrow(RangeError);
  });
});

describe('internalLoad', () => {
  const male = { restingHeartRate: 50, maxHeartRate: 190, sex: 'male' } as const;
  const female = { restingHeartRate: 50, maxHeartRate: 190, sex: 'female' } as const;
  // 60 min at 120 bpm: HRr = (120 - 50) / (190 - 50) = 70 / 140 = 0.5
  const hour = { movingTimeSeconds: 3600, averageHeartRate: 120, perceivedEffort: null };

  it('is Banister TRIMP for men', () => {
    // 60 × 0.5 × 0.64 × e^(1.92 × 0.5) = 19.2 × e^0.96 = 19.2 × 2.61170 = 50.1446
    const load = internalLoad(hour, male);
    expect(load.source).toBe('trimp');
    expect(load.value).toBeCloseTo(50.1446, 3);
  });

  it('uses the female coefficients for women', () => {
    // 60 × 0.5 × 0.86 × e^(1.67 × 0.5) = 25.8 × e^0.835 = 25.8 × 2.30481 = 59.4642
    const load = internalLoad(hour, female);
    expect(load.source).toBe('trimp');
    expect(load.value).toBeCloseTo(59.4642, 3);
  });

  it("uses Banister's original (male) coefficients when sex is unknown", () => {
    // same arithmetic as the male case: 50.1446
    expect(internalLoad(hour, { ...male, sex: null }).value).toBeCloseTo(50.1446, 3);
  });

  it('clamps HRr to [0, 1]', () => {
    // 200 bpm is above max 190 → HRr 1: 60 × 1 × 0.64 × e^1.92 = 38.4 × 6.82096 = 261.925
    expect(internalLoad({ ...hour, averageHeartRate: 200 }, male).value).toBeCloseTo(261.925, 2);
    // 45 bpm is below resting 50 → HRr 0 → 0
    expect(internalLoad({ ...hour, averageHeartRate: 45 }, male)).toEqual({
      value: 0,
      source: 'trimp',
    });
  });

  it('prefers heart rate over RPE when both are there', () => {
    // HR path: 50.1446 as above, the RPE of 9 is not used
    const load = internalLoad({ ...hour, perceivedEffort: 9 }, male);
    expect(load.source).toBe('trimp');
    expect(load.value).toBeCloseTo(50.1446, 3);
  });

  it('falls back to session RPE without heart rate', () => {
    // RPE 4 × 60 min × 0.35 = 84
    const load = internalLoad({ movingTimeSeconds: 3600, perceivedEffort: 4 }, male);
    expect(load.source).toBe('session_rpe');
    expect(load.value).toBeCloseTo(84, 10);
  });

  it('falls back to session RPE when the athlete has no resting/max HR or they make no sense', () => {
    // RPE 5 × 30 min × 0.35 = 52.5
    const run = { movingTimeSeconds: 1800, averageHeartRate: 150, perceivedEffort: 5 };
    for (const athlete of [
      { restingHeartRate: null, maxHeartRate: 190, sex: 'male' as const },
      { restingHeartRate: 50, maxHeartRate: null, sex: 'male' as const },
      { restingHeartRate: 60, maxHeartRate: 60, sex: 'male' as const },
      {},
    ]) {
      const load = internalLoad(run, athlete);
      expect(load.source).toBe('session_rpe');
      expect(load.value).toBeCloseTo(52.5, 10);
    }
  });

  it('treats an average heart rate of 0 as a sensor dropout', () => {
    // RPE 5 × 30 min × 0.35 = 52.5
    const load = internalLoad(
      { movingTimeSeconds: 1800, averageHeartRate: 0, perceivedEffort: 5 },
      male,
    );
    expect(load.source).toBe('session_rpe');
    expect(load.value).toBeCloseTo(52.5, 10);
  });

  it('is estimated from the duration and the sport without heart rate and RPE, never 0', () => {
    // An easy run: RPE 4 × 60 min × 0.35 = 84
    expect(internalLoad({ movingTimeSeconds: 3600 }, male)).toEqual({
      value: 84,
      source: 'estimated',
    });
    // A heart rate without the athlete's resting and maximum counts for nothing: estimated too.
    const ride = internalLoad(
      { movingTimeSeconds: 3600, type: 'ride', averageHeartRate: 150, perceivedEffort: null },
      {},
    );
    // RPE 3 × 60 × 0.35 = 63
    expect(ride.source).toBe('estimated');
    expect(ride.value).toBeCloseTo(63, 10);
    // A walk (RPE 2) costs less than a trail run (RPE 5) of the same time; an unknown sport is cross-training (RPE 3).
    const load = (type: string) => internalLoad({ movingTimeSeconds: 1800, type }, male).value;
    expect(load('walk')).toBeCloseTo(21, 10);
    expect(load('trail_run')).toBeCloseTo(52.5, 10);
    expect(load('kayak')).toBeCloseTo(31.5, 10);
    // Above the rest-day line (TRIMP ≤ 10): the session is not taken for rest.
    expect(load('walk')).toBeGreaterThan(REST_DAY_MAX_INTERNAL_LOAD);
  });

  it('puts an easy hour by RPE on the same scale as an easy hour by heart rate', () => {
    // HR: 60 × 0.6 × 0.64 × e^(1.92 × 0.6) = 23.04 × 3.16452 = 72.91
    // RPE 3.5 × 60 × 0.35 = 73.5, within 1% of it
    // HRr 0.6 with resting 50, max 190: 50 + 0.6 × 140 = 134 bpm
    const byHeartRate = internalLoad(
      { movingTimeSeconds: 3600, averageHeartRate: 134 },
      male,
    ).value;
    const byRpe = internalLoad({ movingTimeSeconds: 3600, perceivedEffort: 3.5 }, male).value;
    expect(byHeartRate).toBeCloseTo(72.91, 1);
    expect(byRpe).toBeCloseTo(3.5 * 60 * SESSION_RPE_TO_TRIMP, 10);
    expect(Math.abs(byRpe - byHeartRate) / byHeartRate).toBeLessThan(0.01);
  });

  it('rejects invalid duration and RPE', () => {
    expect(() => internalLoad({ movingTimeSeconds: -60 }, male)).toThrow(RangeError);
    expect(() => internalLoad({ movingTimeSeconds: 600, perceivedEffort: 0 }, male)).toThrow(
      RangeError,
    );
    expect(() => internalLoad({ movingTimeSeconds: 600, perceivedEffort: 11 }, male)).toThrow(
      RangeError,
    );
    expect(() =>
      internalLoad({ movingTimeSeconds: 600, perceivedEffort: Number.NaN }, male),
    ).toThrow(RangeError);
  });
});

describe('heartRateSecondsOf', () => {
  it('splits each interval evenly between its two heart rates', () => {
    const samples = [
      { seconds: 0, bpm: 120 },
      { seconds: 10, bpm: 130.4 },
      { seconds: 16, bpm: 120 },
    ];
    expect(heartRateSecondsOf(samples)).toEqual({ 120: 5 + 3, 130: 5 + 3 });
  });

  it('is empty for fewer than two samples', () => {
    expect(heartRateSecondsOf([])).toEqual({});
    expect(heartRateSecondsOf([{ seconds: 0, bpm: 150 }])).toEqual({});
  });
});

describe('trimpFromHeartRateSeconds', () => {
  const trimpOfStream = (samples: HeartRateSample[]) =>
    trimpFromHeartRateSeconds(heartRateSecondsOf(samples), 50, 190, 'male');

  const steady = (bpm: number, minutes: number): HeartRateSample[] =>
    Array.from({ length: minutes * 60 + 1 }, (_, second) => ({ seconds: second, bpm }));

  it('equals TRIMP from the average when the heart rate is steady', () => {
    // 60 min at 120 bpm, as in the average-HR case above: 50.1446
    expect(trimpOfStream(steady(120, 60))).toBeCloseTo(50.1446, 3);
  });

  it('weighs hard minutes more than the average does', () => {
    // 30 min at 99 bpm (HRr 0.35) then 30 min at 169 bpm (HRr 0.85): average 134 bpm (HRr 0.6).
    // Stream: 30 × 0.35 × 0.64 × e^0.672 + 30 × 0.85 × 0.64 × e^1.632 = 13.159 + 83.462 = 96.62
    // (less a trace: the one second across the step counts at the mean weighting). Average: 72.91.
    const samples = Array.from({ length: 3601 }, (_, second) => ({
      seconds: second,
      bpm: second < 1800 ? 99 : 169,
    }));
    expect(trimpOfStream(samples)).toBeCloseTo(96.6, 1);
  });

  it('is 0 without time at any heart rate', () => {
    expect(trimpFromHeartRateSeconds({}, 50, 190)).toBe(0);
  });
});

describe('internalLoad with a heart-rate stream', () => {
  const male = { restingHeartRate: 50, maxHeartRate: 190, sex: 'male' } as const;
  // minutes at 134 bpm (HRr 0.6)
  const heartRateSeconds = (minutes: number) => ({ 134: minutes * 60 });

  it('uses the stream when it covers the session', () => {
    // 60 min at HRr 0.6: 72.91, as from the average
    const load = internalLoad(
      { movingTimeSeconds: 3600, averageHeartRate: 120, heartRateSeconds: heartRateSeconds(60) },
      male,
    );
    expect(load.source).toBe('trimp_stream');
    expect(load.value).toBeCloseTo(72.91, 1);
  });

  it('uses the average when the stream covers less than 90% of the moving time', () => {
    // 50 of 60 minutes covered (83%) → the average, 120 bpm: 50.1446
    const load = internalLoad(
      { movingTimeSeconds: 3600, averageHeartRate: 120, heartRateSeconds: heartRateSeconds(50) },
      male,
    );
    expect(load.source).toBe('trimp');
    expect(load.value).toBeCloseTo(50.1446, 3);
  });
});
