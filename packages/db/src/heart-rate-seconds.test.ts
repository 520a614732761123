import { describe, expect, it } from 'vitest';
import { readHeartRateSeconds } from './heart-rate-seconds';

describe('readHeartRateSeconds', () => {
  it('reads seconds at each heart rate', () => {
    expect(readHeartRateSeconds({ 120: 30, '145': 12.5 })).toEqual({ 120: 30, 145: 12.5 });
  });

  it('is null for nothing, an empty record or anything else', () => {
    for (const json of [null, undefined, {}, [], 'x', { fast: 3 }, { 120: -1 }]) {
      expect(readHeartRateSeconds(json)).toBeNull();
    }
  });
});
