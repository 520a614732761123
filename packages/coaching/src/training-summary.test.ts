import { describe, expect, it } from 'vitest';
import { summarizeTraining } from './training-summary';

describe('summarizeTraining', () => {
  it('sums running km in six 7-day windows ending yesterday, oldest first', () => {
    const run = (localDate: string, km: number, type = 'run') => ({
      localDate,
      type,
      distanceMeters: km * 1000,
      movingTimeSeconds: km * 330,
    });
    const summary = summarizeTraining(
      [
        run('2026-11-25', 10),
        run('2026-11-19', 8),
        run('2026-11-18', 12),
        run('2026-11-26', 30), // today: unfinished, left out
        run('2026-11-24', 40, 'ride'),
        run('2026-10-15', 20, 'trail_run'),
        run('2026-10-14', 5), // 43 days ago: outside
      ],
      '2026-11-26',
    );
    expect(summary.weeklyKm).toEqual([20, 0, 0, 0, 12, 18]);
    expect(summary.lastWeekKm).toBe(18);
    expect(summary.chronicWeeklyKm).toBe(7.5);
    expect(summary.longestRunKm).toBe(20);
  });
});
