import { describe, expect, it } from 'vitest';
import { sinceIn } from './remember-since';

// Friday 27 November 2026 is the athlete's today.
const TODAY = '2026-11-27';

describe('sinceIn', async () => {
  it('reads a day and month as the most recent one not in the future', async () => {
    expect(await sinceIn('My left calf has been tight since 20 Nov', TODAY)).toBe('2026-11-20');
    expect(await sinceIn('Tight since November 27th', TODAY)).toBe('2026-11-27');
    expect(await sinceIn('Tight since 28 Nov', TODAY)).toBe('2025-11-28');
    expect(await sinceIn('Sore since 5 Jan', TODAY)).toBe('2026-01-05');
    expect(await sinceIn('Sore since Nov 20', TODAY)).toBe('2026-11-20');
    expect(await sinceIn('Sore since 20/11', TODAY)).toBe('2026-11-20');
    expect(await sinceIn('Sore since March', TODAY)).toBe('2026-03-01');
    expect(await sinceIn('Sore since December', TODAY)).toBe('2025-12-01');
    expect(await sinceIn('Sore since 29 Feb', '2028-02-28')).toBe('2027-02-28');
  });

  it('keeps an explicit year, and gives nothing for a start in the future', async () => {
    expect(await sinceIn('Achilles sore since 20 Nov 2025', TODAY)).toBe('2025-11-20');
    expect(await sinceIn('Achilles sore since 1 Dec 2026', TODAY)).toBeNull();
    expect(await sinceIn('Plantar fasciitis since August 2025', TODAY)).toBe('2025-08-01');
  });

  it('reads weekdays and relative days as the last ones up to today', async () => {
    expect(await sinceIn('Tight since Monday', TODAY)).toBe('2026-11-23');
    expect(await sinceIn('Tight since Friday', TODAY)).toBe('2026-11-27');
    expect(await sinceIn('Tight since Saturday', TODAY)).toBe('2026-11-21');
    expect(await sinceIn('Tight since last Monday', TODAY)).toBe('2026-11-23');
    expect(await sinceIn('Knee hurts since yesterday', TODAY)).toBe('2026-11-26');
    expect(await sinceIn('Knee hurts since 3 days ago', TODAY)).toBe('2026-11-24');
    expect(await sinceIn('Tight since last month', TODAY)).toBe('2026-10-27');
    expect(await sinceIn('Tight since 7 am', TODAY)).toBe('2026-11-27');
    expect(await sinceIn('Hurts since tomorrow', TODAY)).toBeNull();
  });

  it('counts a duration back from today', async () => {
    expect(await sinceIn('My calf has been tight for a week', TODAY)).toBe('2026-11-20');
    expect(await sinceIn('Hip sore for 3 days', TODAY)).toBe('2026-11-24');
    expect(await sinceIn('No long runs for two weeks', TODAY)).toBe('2026-11-13');
  });

  it('finds no start in words without one', async () => {
    expect(await sinceIn('I prefer trails', TODAY)).toBeNull();
    expect(await sinceIn('No runs on Tuesdays', TODAY)).toBeNull();
    expect(await sinceIn('Race on 20 Dec', TODAY)).toBeNull();
    expect(await sinceIn('Knee sore after Monday', TODAY)).toBeNull();
    expect(await sinceIn('Tight since the marathon', TODAY)).toBeNull();
  });
});
