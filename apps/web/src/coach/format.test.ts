import { describe, expect, it } from 'vitest';
import {
  countdownText,
  formatDate,
  formatDateInYear,
  formatDistance,
  formatMinutes,
  formatRatio,
  formatSigned,
  humanize,
} from './format';

describe('format', () => {
  it('formats local dates as the athlete reads them, whatever the browser zone', () => {
    expect(formatDate('2026-11-25')).toBe('Wed 25 Nov');
    expect(formatDate('2027-01-09', { year: true })).toBe('Sat 9 Jan 2027');
    expect(formatDateInYear('2026-11-25', 2026)).toBe('Wed 25 Nov');
    expect(formatDateInYear('2027-01-09', 2026)).toBe('Sat 9 Jan 2027');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('shows ratios with two decimals and a dash for none', () => {
    expect(formatRatio(1.1)).toBe('1.10');
    expect(formatRatio(0.876)).toBe('0.88');
    expect(formatRatio(null)).toBe('—');
    expect(formatSigned(-0.201)).toBe('\u22120.20');
    expect(formatSigned(0.06)).toBe('+0.06');
    expect(formatSigned(-0.001)).toBe('0.00');
  });

  it('formats distances and times', () => {
    expect(formatDistance(10000)).toBe('10 km');
    expect(formatDistance(12500)).toBe('12.5 km');
    expect(formatDistance(10000, 'imperial')).toBe('6.2 mi');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(humanize('long_run')).toBe('Long run');
  });

  it('counts down to a race in days and weeks', () => {
    expect(countdownText(0)).toBe('Race day is today');
    expect(countdownText(1)).toBe('1 day to go');
    expect(countdownText(6)).toBe('6 days to go');
    expect(countdownText(7)).toBe('7 days to go (1 week)');
    expect(countdownText(45)).toBe('45 days to go (6 weeks, 3 days)');
  });
});
