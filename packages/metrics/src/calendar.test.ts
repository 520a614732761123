import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateRange,
  daysBetween,
  earlierOf,
  fromUtcMidnight,
  instantAt,
  isLocalDate,
  laterOf,
  localDateOf,
  mondayOf,
  todayIn,
  toUtcMidnight,
  weekdayOf,
} from './calendar';

describe('isLocalDate', () => {
  it('accepts real calendar days', () => {
    expect(isLocalDate('2024-02-29')).toBe(true); // 2024 is a leap year
    expect(isLocalDate('2023-12-31')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true); // divisible by 400: leap
  });

  it('rejects days that do not exist and other shapes', () => {
    expect(isLocalDate('2023-02-29')).toBe(false); // not a leap year
    expect(isLocalDate('1900-02-29')).toBe(false); // divisible by 100 but not 400: not leap
    expect(isLocalDate('2024-04-31')).toBe(false); // April has 30 days
    expect(isLocalDate('2024-13-01')).toBe(false); // no month 13 (used to throw)
    expect(isLocalDate('2024-00-10')).toBe(false);
    expect(isLocalDate('2024-1-01')).toBe(false);
    expect(isLocalDate('2024-01-01T00:00')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });
});

describe('localDateOf across daylight-saving changes', () => {
  it('Europe/London, clocks back on 2024-10-27: 00:30 local is still BST (UTC+1)', () => {
    // 00:30 BST on Oct 27 = 23:30 UTC on Oct 26: the UTC date is the day before.
    const instant = new Date('2024-10-26T23:30:00Z');
    expect(localDateOf(instant, 'Europe/London')).toBe('2024-10-27');
    expect(localDateOf(instant, 'UTC')).toBe('2024-10-26');
  });

  it('Europe/London, clocks forward on 2024-03-31: 00:30 local is still GMT', () => {
    // 00:30 GMT = 00:30 UTC; 23:30 BST that evening = 22:30 UTC, same local day.
    expect(localDateOf(new Date('2024-03-31T00:30:00Z'), 'Europe/London')).toBe('2024-03-31');
    expect(localDateOf(new Date('2024-03-31T22:30:00Z'), 'Europe/London')).toBe('2024-03-31');
    // 23:30 UTC is 00:30 BST on Apr 1.
    expect(localDateOf(new Date('2024-03-31T23:30:00Z'), 'Europe/London')).toBe('2024-04-01');
  });

  it('America/New_York, clocks forward on 2024-03-10', () => {
    // 00:30 EST (UTC-5) = 05:30 UTC on Mar 10.
    expect(localDateOf(new Date('2024-03-10T05:30:00Z'), 'America/New_York')).toBe('2024-03-10');
    // 04:30 UTC is 23:30 EST on Mar 9.
    expect(localDateOf(new Date('2024-03-10T04:30:00Z'), 'America/New_York')).toBe('2024-03-09');
    // 23:30 EDT (UTC-4) on Mar 10 = 03:30 UTC on Mar 11: UTC has already moved on.
    expect(localDateOf(new Date('2024-03-11T03:30:00Z'), 'America/New_York')).toBe('2024-03-10');
  });

  it('America/New_York, clocks back on 2024-11-03', () => {
    // 00:30 EDT (UTC-4) = 04:30 UTC on Nov 3.
    expect(localDateOf(new Date('2024-11-03T04:30:00Z'), 'America/New_York')).toBe('2024-11-03');
    // 23:30 EST (UTC-5) on Nov 3 = 04:30 UTC on Nov 4.
    expect(localDateOf(new Date('2024-11-04T04:30:00Z'), 'America/New_York')).toBe('2024-11-03');
  });
});

describe('instantAt', () => {
  it('uses the offset in force on that day in London', () => {
    // Mar 30 is GMT (UTC+0); Mar 31 after 01:00 UTC is BST (UTC+1).
    expect(instantAt('2024-03-30', 12, 0, 'Europe/London').toISOString()).toBe(
      '2024-03-30T12:00:00.000Z',
    );
    expect(instantAt('2024-03-31', 12, 0, 'Europe/London').toISOString()).toBe(
      '2024-03-31T11:00:00.000Z',
    );
    // 00:30 on Oct 27 is still BST: 23:30 UTC the day before.
    expect(instantAt('2024-10-27', 0, 30, 'Europe/London').toISOString()).toBe(
      '2024-10-26T23:30:00.000Z',
    );
  });

  it('uses the offset in force on that day in New York', () => {
    // 00:30 on Mar 10 is EST (UTC-5); noon the same day is EDT (UTC-4).
    expect(instantAt('2024-03-10', 0, 30, 'America/New_York').toISOString()).toBe(
      '2024-03-10T05:30:00.000Z',
    );
    expect(instantAt('2024-03-10', 12, 0, 'America/New_York').toISOString()).toBe(
      '2024-03-10T16:00:00.000Z',
    );
  });

  it('moves a wall-clock time that does not exist forward, and picks the earlier of a repeated one', () => {
    // 02:30 on Mar 10 is skipped in New York (02:00 EST → 03:00 EDT): it becomes 03:30 EDT = 07:30 UTC.
    expect(instantAt('2024-03-10', 2, 30, 'America/New_York').toISOString()).toBe(
      '2024-03-10T07:30:00.000Z',
    );
    // 01:30 on Nov 3 happens twice; like JS Date, the earlier one (EDT, UTC-4) = 05:30 UTC.
    expect(instantAt('2024-11-03', 1, 30, 'America/New_York').toISOString()).toBe(
      '2024-11-03T05:30:00.000Z',
    );
  });

  it('round-trips with localDateOf on DST days', () => {
    for (const [date, zone] of [
      ['2024-03-31', 'Europe/London'],
      ['2024-10-27', 'Europe/London'],
      ['2024-03-10', 'America/New_York'],
      ['2024-11-03', 'America/New_York'],
    ] as const) {
      expect(localDateOf(instantAt(date, 0, 30, zone), zone)).toBe(date);
      expect(localDateOf(instantAt(date, 23, 30, zone), zone)).toBe(date);
    }
  });
});

describe('todayIn', () => {
  // Auckland is UTC+13 in January (NZDT), Los Angeles UTC-8 (PST): 21 hours apart.
  it('is already tomorrow in Auckland while Los Angeles is still on the day before', () => {
    // 11:30 UTC Jan 15 = 00:30 Jan 16 in Auckland = 03:30 Jan 15 in Los Angeles.
    const now = new Date('2024-01-15T11:30:00Z');
    expect(todayIn('Pacific/Auckland', now)).toBe('2024-01-16');
    expect(todayIn('UTC', now)).toBe('2024-01-15');
    expect(todayIn('America/Los_Angeles', now)).toBe('2024-01-15');
  });

  it('is still yesterday in Los Angeles when the UTC date has turned', () => {
    // 05:00 UTC Jan 16 = 21:00 Jan 15 in Los Angeles = 18:00 Jan 16 in Auckland.
    const now = new Date('2024-01-16T05:00:00Z');
    expect(todayIn('America/Los_Angeles', now)).toBe('2024-01-15');
    expect(todayIn('UTC', now)).toBe('2024-01-16');
    expect(todayIn('Pacific/Auckland', now)).toBe('2024-01-16');
  });
});

describe('date arithmetic on UTC midnights', () => {
  it('addDays crosses months, leap days and years, both ways', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-03-10', 0)).toBe('2024-03-10');
  });

  it('daysBetween counts whole days, ignoring DST', () => {
    expect(daysBetween('2024-03-09', '2024-03-11')).toBe(2); // across the US spring-forward
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2); // across the UK fall-back
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366); // leap year
    expect(daysBetween('2024-01-10', '2024-01-01')).toBe(-9);
  });

  it('dateRange includes both ends and is empty when reversed', () => {
    expect(dateRange('2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(dateRange('2024-03-01', '2024-03-01')).toEqual(['2024-03-01']);
    expect(dateRange('2024-03-02', '2024-03-01')).toEqual([]);
  });

  it('mondayOf finds the ISO week start', () => {
    expect(mondayOf('2024-03-11')).toBe('2024-03-11'); // a Monday
    expect(mondayOf('2024-03-13')).toBe('2024-03-11'); // Wednesday
    expect(mondayOf('2024-03-17')).toBe('2024-03-11'); // Sunday belongs to the week before
    expect(mondayOf('2024-01-03')).toBe('2024-01-01');
    expect(mondayOf('2023-01-01')).toBe('2022-12-26'); // Sunday, week starts in the previous year
  });

  it('toUtcMidnight and fromUtcMidnight round-trip', () => {
    expect(toUtcMidnight('2024-03-10').toISOString()).toBe('2024-03-10T00:00:00.000Z');
    expect(fromUtcMidnight(toUtcMidnight('2024-02-29'))).toBe('2024-02-29');
    expect(fromUtcMidnight(new Date('2024-03-10T23:59:59Z'))).toBe('2024-03-10');
  });
});

describe('earlierOf and laterOf', () => {
  it('pick by calendar order', () => {
    expect(earlierOf('2026-03-01', '2026-02-28')).toBe('2026-02-28');
    expect(laterOf('2026-03-01', '2026-02-28')).toBe('2026-03-01');
    expect(laterOf('2026-01-05', '2026-01-05')).toBe('2026-01-05');
  });
});

describe('weekdayOf', () => {
  it('names the day of a local date', () => {
    // 2026-11-25 is a Wednesday; 2024-02-29 a Thursday.
    expect(weekdayOf('2026-11-25')).toBe('Wednesday');
    expect(weekdayOf('2024-02-29')).toBe('Thursday');
  });
});
