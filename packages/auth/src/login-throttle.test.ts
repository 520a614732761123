import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { authenticate } from './accounts';
import { LoginThrottledError } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { pruneThrottleAttempts } from './prune-attempts';
import { admitSignup } from './signup-throttle';

vi.mock('./password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const verify = vi.mocked(verifyPassword);
const { verifyPassword: realVerify } =
  await vi.importActual<typeof import('./password')>('./password');

let database: Database;
let knownHash: string;
beforeAll(async () => {
  [database, knownHash] = await Promise.all([openTestDatabase(), hashPassword('right-password')]);
});
afterAll(() => database.close());
beforeEach(() => {
  verify.mockReset();
  verify.mockImplementation(realVerify);
});

let athletes = 0;
function uniqueEmail(): string {
  athletes += 1;
  return `throttle-runner-${athletes}@example.com`;
}
/** An athlete whose password is "right-password". */
function createAthlete() {
  return createTestAthlete(database.prisma, { passwordHash: knownHash, displayName: 'Runner' });
}

const MINUTE = 60_000;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const HOME = '192.0.2.10';

function attempt(email: string, password: string, now: Date, ip = HOME) {
  return authenticate(database.prisma, { email, password }, { ip, now });
}

/** The LoginThrottledError an attempt throws, or a failure when it does not throw one. */
async function throttled(promise: Promise<unknown>): Promise<LoginThrottledError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoginThrottledError);
  return error as LoginThrottledError;
}

const rows = (key: string) => database.prisma.loginFailure.count({ where: { key } });

describe('login throttle per email and address', () => {
  it('refuses the 6th attempt from one address within 15 minutes, even with the right password, for 15 minutes', async () => {
    const { email } = await createAthlete();
    for (let i = 0; i < 5; i += 1) {
      expect(await attempt(email, 'wrong-password', at(i * MINUTE))).toBeNull();
    }
    expect(verify).toHaveBeenCalledTimes(5);

    // Locked until 15 minutes after the 5th failure (T0 + 4 min): 19 min.
    const refused = await throttled(attempt(email, 'right-password', at(5 * MINUTE)));
    expect(refused.retryAfterSeconds).toBe(14 * 60);
    expect(refused.message).toBe('Too many failed sign-in attempts; try again in 840 s.');
    expect(
      (await throttled(attempt(email, 'right-password', at(19 * MINUTE - 1)))).retryAfterSeconds,
    ).toBe(1);
    expect(verify).toHaveBeenCalledTimes(5); // refused without looking at the password

    // Refused attempts are not recorded, so the lock does not grow.
    expect(await rows(`email+ip:${email}|${HOME}`)).toBe(5);

    // After the lock, a fresh start: the right password signs in and clears the failures.
    expect(await attempt(email, 'right-password', at(19 * MINUTE))).toMatchObject({ email });
    expect(await rows(`email+ip:${email}|${HOME}`)).toBe(0);
  });

  it('does not lock the athlete out from another address: wrong passwords elsewhere do not count there', async () => {
    const { email, id } = await createAthlete();
    verify.mockResolvedValue(false);
    for (let i = 0; i < 5; i += 1) {
      expect(await attempt(email, 'guess', at(i * 1000), '203.0.113.66')).toBeNull();
    }
    await throttled(attempt(email, 'guess', at(5000), '203.0.113.66'));
    verify.mockImplementation(realVerify);
    expect(await attempt(email, 'right-password', at(6000))).toMatchObject({ id });
    // Signing in does not clear the attacker's failures, for the address or the email.
    await throttled(attempt(email, 'right-password', at(7000), '203.0.113.66'));
    expect(await rows(`email:${email}`)).toBe(5);
  });

  it('counts failures within a sliding 15-minute window', async () => {
    const { email } = await createAthlete();
    verify.mockResolvedValue(false); // only the counting matters here: no scrypt
    // 4 failures at 0..3 min, the 5th at 15 min: the first has left the window by then.
    for (const minute of [0, 1, 2, 3, 15]) {
      expect(await attempt(email, 'wrong-password', at(minute * MINUTE))).toBeNull();
    }
    // Another at 15:30 is the 5th within (0:30, 15:30]: locked until 30:30.
    expect(await attempt(email, 'wrong-password', at(15.5 * MINUTE))).toBeNull();
    const refused = await throttled(attempt(email, 'wrong-password', at(16 * MINUTE)));
    expect(refused.retryAfterSeconds).toBe(14.5 * 60);
  });

  it('clears this address’s count for the email on a successful sign-in', async () => {
    const { email } = await createAthlete();
    for (let i = 0; i < 4; i += 1) {
      expect(await attempt(email, 'wrong-password', at(i * MINUTE))).toBeNull();
    }
    expect(await attempt(email, 'right-password', at(4 * MINUTE))).toMatchObject({ email });
    // Without the clearing this would be the 6th attempt in 15 minutes.
    expect(await attempt(email, 'wrong-password', at(5 * MINUTE))).toBeNull();
    expect(await rows(`email+ip:${email}|${HOME}`)).toBe(1);
  });

  it('throttles unknown emails alike, so the lock tells nothing about who has an account', async () => {
    const email = uniqueEmail();
    verify.mockResolvedValue(false);
    for (let i = 0; i < 5; i += 1) {
      expect(await attempt(email, 'guess', at(i * 1000))).toBeNull();
    }
    expect((await throttled(attempt(email, 'guess', at(5000)))).retryAfterSeconds).toBe(
      15 * 60 - 1,
    );
  });
});

describe('login throttle per email, across addresses', () => {
  it('past 10 failures, slows addresses that failed, doubling up to 30 s; a fresh address goes at once', async () => {
    const { email, id } = await createAthlete();
    verify.mockResolvedValue(false);
    const from = (n: number) => `203.0.113.${n}`;
    // Ten addresses, one failure each: free.
    for (let n = 1; n <= 10; n += 1) {
      expect(await attempt(email, 'guess', at(n * 1000), from(n))).toBeNull();
    }
    // An address that has failed must now wait 1 s after the latest failure (10 s)...
    expect((await throttled(attempt(email, 'guess', at(10_500), from(1)))).retryAfterSeconds).toBe(
      1,
    );
    expect(await attempt(email, 'guess', at(11_000), from(1))).toBeNull();
    // ...then 2 s, 4 s, ..., at most 30 s.
    await throttled(attempt(email, 'guess', at(12_999), from(2)));
    expect(await attempt(email, 'guess', at(13_000), from(2))).toBeNull();
    let t = 13_000;
    for (const [i, wait] of [4, 8, 16, 30, 30].entries()) {
      await throttled(attempt(email, 'guess', at(t + wait * 1000 - 1), from(3 + i)));
      t += wait * 1000;
      expect(await attempt(email, 'guess', at(t), from(3 + i))).toBeNull();
    }
    // The athlete, from an address that has not failed, signs in at once, even right after.
    verify.mockImplementation(realVerify);
    expect(await attempt(email, 'right-password', at(t + 1), from(99))).toMatchObject({ id });
  });
});

describe('login throttle per IP address', () => {
  it('refuses a 21st attempt from one IP within 15 minutes, whatever the email', async () => {
    const athlete = await createAthlete();
    verify.mockResolvedValue(false);
    for (let i = 0; i < 20; i += 1) {
      // 20 different (unknown) emails, so no email reaches its own limit.
      expect(await attempt(uniqueEmail(), 'guess', at(i * 10_000), '198.51.100.7')).toBeNull();
    }
    verify.mockImplementation(realVerify);
    const refused = await throttled(
      attempt(athlete.email, 'right-password', at(200_000), '198.51.100.7'),
    );
    expect(refused.retryAfterSeconds).toBe(15 * 60 - 10);
    expect(verify).toHaveBeenCalledTimes(20);
    // The athlete is not locked out everywhere: another address signs in, and that success
    // does not clear the first address's failures.
    expect(
      await attempt(athlete.email, 'right-password', at(200_000), '198.51.100.8'),
    ).toMatchObject({
      id: athlete.id,
    });
    await throttled(attempt(athlete.email, 'right-password', at(200_000), '198.51.100.7'));
  });

  it('does not count successful sign-ins against the IP', async () => {
    verify.mockResolvedValue(true);
    const athletes = await Promise.all(Array.from({ length: 3 }, () => createAthlete()));
    for (let i = 0; i < 25; i += 1) {
      const { email } = athletes[i % 3] ?? { email: '' };
      expect(await attempt(email, 'any', at(i * 1000), '198.51.100.9')).not.toBeNull();
    }
    expect(await rows('ip:198.51.100.9')).toBe(0);
  });
});

describe('pruneThrottleAttempts', () => {
  it('deletes attempts too old for any throttle, and keeps the rest', async () => {
    const email = uniqueEmail();
    verify.mockResolvedValue(false);
    await attempt(email, 'guess', at(0));
    await admitSignup(database.prisma, '198.51.100.77', at(0));
    const rows = () =>
      database.prisma.loginFailure.count({
        where: { key: { in: [`email:${email}`, 'signup:198.51.100.77'] } },
      });
    // Sign-in attempts matter for 30 minutes, sign-ups for 2 hours: prune keeps both until then.
    await pruneThrottleAttempts(database.prisma, at(100 * MINUTE));
    expect(await rows()).toBe(2);
    expect(await pruneThrottleAttempts(database.prisma, at(120 * MINUTE))).toBeGreaterThanOrEqual(
      2,
    );
    expect(await rows()).toBe(0);
  });
});
