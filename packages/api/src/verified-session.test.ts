import { describe, expect, it } from 'vitest';
import { VerifiedSession } from './verified-session';

const RECHECK_MS = 30_000;
const T0 = Date.UTC(2026, 10, 27, 8);

describe('VerifiedSession', () => {
  it('holds until the recheck is due, then again after each confirmation', () => {
    const session = new VerifiedSession(RECHECK_MS, T0, T0 + 86_400_000);
    expect(session.holds(T0)).toBe(true);
    expect(session.holds(T0 + RECHECK_MS - 1)).toBe(true);
    expect(session.holds(T0 + RECHECK_MS)).toBe(false);
    session.confirmed(T0 + RECHECK_MS, T0 + 86_400_000);
    expect(session.holds(T0 + 2 * RECHECK_MS - 1)).toBe(true);
    expect(session.holds(T0 + 2 * RECHECK_MS)).toBe(false);
  });

  it('never holds past the session’s expiry', () => {
    const session = new VerifiedSession(RECHECK_MS, T0, T0 + 1_000);
    expect(session.holds(T0 + 999)).toBe(true);
    expect(session.holds(T0 + 1_000)).toBe(false);
    session.confirmed(T0 + 1_000, T0 + 5_000);
    expect(session.holds(T0 + 4_999)).toBe(true);
    expect(session.holds(T0 + 5_000)).toBe(false);
  });

  it('with no recheck time, never holds: every operation asks', () => {
    const session = new VerifiedSession(0, T0, T0 + 86_400_000);
    expect(session.holds(T0)).toBe(false);
  });
});
