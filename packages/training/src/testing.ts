// Test support: what an athlete would record, for tests that need activities.
import { instantAt } from '@coach/metrics';
import type { NewActivity } from './activities';

/** An easy 10 km run at 07:00 in Denver on the given day; `overrides` change any field. */
export function testRun(date: string, overrides: Partial<NewActivity> = {}): NewActivity {
  return {
    source: 'test',
    sourceId: `run-${date}`,
    startTime: instantAt(date, 7, 0, 'America/Denver'),
    type: 'run',
    name: 'Easy run',
    distanceMeters: 10_000,
    movingTimeSeconds: 3600,
    elevationGainMeters: 0,
    averageHeartRate: 140,
    maxHeartRate: 155,
    perceivedEffort: 4,
    ...overrides,
  };
}
