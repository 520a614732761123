import { describe, expect, it } from 'vitest';
import { isSameActivity } from './same-activity';

const at = (iso: string, distanceMeters: number) => ({ startTime: new Date(iso), distanceMeters });

describe('isSameActivity', () => {
  const run = at('2026-09-20T06:30:00Z', 10_000);

  it('matches a start within two minutes and a distance within 5%', () => {
    expect(isSameActivity(run, at('2026-09-20T06:31:55Z', 10_400))).toBe(true);
    expect(isSameActivity(run, at('2026-09-20T06:28:00Z', 9_600))).toBe(true);
  });

  it('keeps apart runs that start further apart or differ more in distance', () => {
    expect(isSameActivity(run, at('2026-09-20T06:32:01Z', 10_000))).toBe(false);
    expect(isSameActivity(run, at('2026-09-20T06:30:00Z', 10_600))).toBe(false);
  });

  it('allows 100 m on short activities', () => {
    expect(isSameActivity(at('2026-09-20T06:30:00Z', 800), at('2026-09-20T06:30:00Z', 890))).toBe(
      true,
    );
  });
});
