import { describe, expect, it } from 'vitest';
import { containsNul } from './nul';

describe('containsNul', () => {
  it('finds a NUL in any string, key or value, at any depth', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul({ notes: ['fine', { deep: 'x\u0000' }] })).toBe(true);
    expect(containsNul({ 'k\u0000': 1 })).toBe(true);
  });

  it('accepts everything else, including other control characters', () => {
    expect(containsNul({ notes: 'tab\there\u0001', n: 3, ok: null, list: [true] })).toBe(false);
    expect(containsNul(undefined)).toBe(false);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let nested: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(containsNul(nested)).toBe(true);
  });
});
