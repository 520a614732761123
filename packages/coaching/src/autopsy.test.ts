import { describe, expect, it } from 'vitest';
import { autopsyOf, type DoneActivity, type Prescription } from './autopsy';
import { sampleSession } from './testing';
import type { SessionKind } from './types';

const DATE = '2026-11-25';
function prescribed(kind: SessionKind, km: number): Prescription {
  const s = sampleSession(DATE, kind, km);
  return {
    workoutType: s.workoutType,
    kind: s.kind,
    prescribedWorkout: s.description,
    distanceMeters: s.plannedDistanceMeters,
    minutes: s.plannedMinutes,
    pace: s.pace,
    heartRate: s.heartRate,
  };
}

const run = (km: number, paceSeconds: number, hr: number | null = null): DoneActivity => ({
  type: 'run',
  distanceMeters: km * 1000,
  movingTimeSeconds: km * paceSeconds,
  averageHeartRate: hr,
});

describe('autopsyOf', () => {
  it('scores an easy run done as prescribed 10', () => {
    const a = autopsyOf({
      date: DATE,
      prescription: prescribed('easy', 10),
      activities: [run(10.3, 355, 135)],
    });
    expect(a.alignmentScore).toBe(10);
    expect(a.parts).toEqual({ type: 3, volume: 4, intensity: 3 });
    expect(a.actualActivities).toBe('Run 10.3 km in 1:00:57 (5:55/km), avg HR 135');
    expect(a.autopsyAnalysis).toContain('average HR 135 against');
    expect(a.autopsyAnalysis).toContain('10/10');
  });

  it('takes points for a run far too hard on an easy day', () => {
    const a = autopsyOf({
      date: DATE,
      prescription: prescribed('easy', 10),
      activities: [run(10, 290, 168)],
    });
    expect(a.parts?.intensity).toBe(0);
    expect(a.alignmentScore).toBe(7);
    expect(a.autopsyAnalysis).toContain('Easy days stay easy');
  });

  it('scales volume: full within 10%, nothing past 50%', () => {
    const at = (km: number) =>
      autopsyOf({
        date: DATE,
        prescription: prescribed('long', 20),
        activities: [run(km, 340, 140)],
      }).parts?.volume;
    expect(at(18.5)).toBe(4);
    expect(at(15)).toBe(2.5);
    expect(at(10)).toBe(0);
    expect(at(31)).toBe(0);
  });

  it('judges quality sessions by whether work faster than easy was done', () => {
    const p = prescribed('intervals', 12);
    expect(
      autopsyOf({ date: DATE, prescription: p, activities: [run(12, 300, 160)] }).alignmentScore,
    ).toBe(10);
    expect(
      autopsyOf({ date: DATE, prescription: p, activities: [run(12, 360, 135)] }).parts?.intensity,
    ).toBe(1);
  });

  it('scores a missed session 1 and a respected rest day 10', () => {
    expect(
      autopsyOf({ date: DATE, prescription: prescribed('tempo', 12), activities: [] })
        .alignmentScore,
    ).toBe(1);
    const rest = autopsyOf({ date: DATE, prescription: prescribed('rest', 0), activities: [] });
    expect(rest.alignmentScore).toBe(10);
    expect(rest.actualActivities).toBe('No activity recorded');
  });

  it('scores rest days by what was done instead', () => {
    const ride = (minutes: number): DoneActivity => ({
      type: 'ride',
      distanceMeters: minutes * 400,
      movingTimeSeconds: minutes * 60,
      averageHeartRate: null,
    });
    const rest = prescribed('rest', 0);
    expect(
      autopsyOf({ date: DATE, prescription: rest, activities: [ride(30)] }).alignmentScore,
    ).toBe(8);
    expect(
      autopsyOf({ date: DATE, prescription: rest, activities: [ride(90)] }).alignmentScore,
    ).toBe(6);
    expect(
      autopsyOf({ date: DATE, prescription: rest, activities: [run(5, 330)] }).alignmentScore,
    ).toBe(5);
    expect(
      autopsyOf({ date: DATE, prescription: rest, activities: [run(14, 330)] }).alignmentScore,
    ).toBe(2);
  });

  it('on a cross-training day rewards not running', () => {
    const cross = prescribed('cross_training', 0);
    expect(
      autopsyOf({ date: DATE, prescription: cross, activities: [run(8, 330)] }).alignmentScore,
    ).toBe(2);
    expect(autopsyOf({ date: DATE, prescription: cross, activities: [] }).alignmentScore).toBe(7);
    const ride = {
      type: 'ride',
      distanceMeters: 12_000,
      movingTimeSeconds: 35 * 60,
      averageHeartRate: 120,
    };
    expect(autopsyOf({ date: DATE, prescription: cross, activities: [ride] }).alignmentScore).toBe(
      10,
    );
  });

  it('falls back to the workout type when the prescription has no kind', () => {
    const { kind: _, ...p } = prescribed('easy', 8);
    expect(
      autopsyOf({ date: DATE, prescription: p, activities: [run(8, 355, 135)] }).alignmentScore,
    ).toBe(10);
  });
});
