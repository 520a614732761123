import { describe, expect, it } from 'vitest';
import { readPlannedDays } from './weekly-program';

const day = (date: string) => ({
  date,
  workoutType: 'easy',
  description: '8 km easy',
  plannedDistanceMeters: 8000,
  plannedMinutes: 48,
});

describe('readPlannedDays', () => {
  it('returns the well-formed days in date order and leaves the rest out', () => {
    const stored = [
      day('2026-11-26'),
      { date: 'tomorrow' },
      day('2026-11-24'),
      'rest',
      { ...day('2026-11-25'), plannedMinutes: -5 },
    ];
    expect(readPlannedDays(stored).map((d) => d.date)).toEqual(['2026-11-24', '2026-11-26']);
  });

  it('reads anything that is not a list as no days', () => {
    expect(readPlannedDays(null)).toEqual([]);
    expect(readPlannedDays({ days: [] })).toEqual([]);
  });
});
