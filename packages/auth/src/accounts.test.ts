import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import {
  authenticate,
  canonicalTimeZone,
  EmailTakenError,
  loginInput,
  signup,
  signupInput,
} from './accounts';
import { hashPassword, verifyPassword } from './password';
import { COMMON_PASSWORD_MESSAGE, PERSONAL_PASSWORD_MESSAGE } from './password-policy';
import { SIGNUP_THROTTLE, SignupThrottledError } from './signup-throttle';

// The real scrypt, watched: which hash each sign-in checked, whether a sign-up hashed.
vi.mock('./password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./password')>();
  return {
    ...actual,
    verifyPassword: vi.fn(actual.verifyPassword),
    hashPassword: vi.fn(actual.hashPassword),
  };
});
const verify = vi.mocked(verifyPassword);
const hash = vi.mocked(hashPassword);
const { hashPassword: realHash } = await vi.importActual<typeof import('./password')>('./password');

let database: Database;
let knownHash: string;
beforeAll(async () => {
  [database, knownHash] = await Promise.all([openTestDatabase(), hashPassword('right-password')]);
});
afterAll(() => database.close());
beforeEach(() => {
  verify.mockClear(); // braces: a function returned from beforeEach would run as its teardown
  hash.mockReset();
  hash.mockImplementation(realHash);
});

let athletes = 0;
function uniqueEmail(): string {
  athletes += 1;
  return `account-runner-${athletes}@example.com`;
}

/** An athlete whose password is "right-password" (one shared hash: scrypt is slow). */
function createAthlete() {
  return createTestAthlete(database.prisma, { passwordHash: knownHash, displayName: 'Runner' });
}

const NOW = new Date('2026-03-01T12:00:00.000Z');
const FROM = { ip: '192.0.2.50' };

describe('input schemas', () => {
  it('normalises email, display name and time zone, defaulting to UTC', () => {
    expect(
      signupInput.parse({
        email: '  Ann.Runner@Example.COM ',
        password: 'ann-runs-far',
        displayName: '  Ann  ',
      }),
    ).toEqual({
      email: 'ann.runner@example.com',
      password: 'ann-runs-far',
      displayName: 'Ann',
      timezone: 'UTC',
    });
    expect(signupInput.parse({ ...valid(), timezone: ' america/denver ' }).timezone).toBe(
      'America/Denver',
    );
    expect(loginInput.parse({ email: 'ANN@example.com', password: 'x' })).toEqual({
      email: 'ann@example.com',
      password: 'x',
    });
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
  });

  it('refuses what is out of bounds', () => {
    const refused = [
      { email: 'not-an-email' },
      { email: '' },
      { email: `${'a'.repeat(250)}@example.com` },
      { password: '1234567' },
      { password: '12345678' },
      { password: 'password' },
      { password: 'Runner-Of-Hills', displayName: 'runner-of-hills' },
      { password: 'x'.repeat(201) },
      { displayName: '   ' },
      { displayName: 'x'.repeat(81) },
      { timezone: 'Mars/Olympus_Mons' },
      { timezone: '' },
      { timezone: '+01:00x' },
    ];
    for (const change of refused) {
      expect(signupInput.safeParse({ ...valid(), ...change }).success, JSON.stringify(change)).toBe(
        false,
      );
    }
    expect(signupInput.safeParse({ ...valid(), password: 'x'.repeat(200) }).success).toBe(true);
    expect(signupInput.safeParse({ ...valid(), displayName: 'x'.repeat(80) }).success).toBe(true);
    expect(loginInput.safeParse({ email: 'a@example.com', password: '' }).success).toBe(false);
    expect(
      loginInput.safeParse({ email: 'a@example.com', password: 'x'.repeat(201) }).success,
    ).toBe(false);
  });
});

function valid() {
  return { email: uniqueEmail(), password: 'a-long-password', displayName: 'Runner' };
}

describe('signup', () => {
  it('creates the account with a normalised email and a scrypt hash, and refuses it twice', async () => {
    const email = uniqueEmail();
    const user = await signup(
      database.prisma,
      {
        email: `  ${email.toUpperCase()}`,
        password: 'a-long-password',
        displayName: ' Ann ',
        timezone: 'Europe/Paris',
      },
      FROM,
    );
    expect(user).toEqual({
      id: expect.any(Number),
      email,
      displayName: 'Ann',
      timezone: 'Europe/Paris',
    });
    const stored = await database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain('a-long-password');

    expect(hash).toHaveBeenCalledTimes(1);

    const again = signup(
      database.prisma,
      {
        email: email.replace('account', 'ACCOUNT'),
        password: 'another-password',
        displayName: 'Impostor',
      },
      FROM,
    );
    await expect(again).rejects.toThrow(EmailTakenError);
    await expect(again).rejects.toThrow('An account with this email address already exists.');
    expect(await database.prisma.user.count({ where: { email } })).toBe(1);
    // A taken email is refused without hashing: scrypt is what a flood of sign-ups would cost.
    expect(hash).toHaveBeenCalledTimes(1);
  });

  it('refuses a bad time zone or a short password with a ZodError, before hashing', async () => {
    const email = uniqueEmail();
    await expect(
      signup(database.prisma, { ...valid(), email, timezone: 'Mars/Olympus_Mons' }, FROM),
    ).rejects.toThrow(ZodError);
    await expect(
      signup(database.prisma, { ...valid(), email, password: 'short' }, FROM),
    ).rejects.toThrow(ZodError);
    expect(await database.prisma.user.count({ where: { email } })).toBe(0);
    expect(hash).not.toHaveBeenCalled();
  });

  it('refuses a common password, or one equal to the email, with a clear message', async () => {
    const email = uniqueEmail();
    const common = signup(database.prisma, { ...valid(), email, password: 'password' }, FROM);
    await expect(common).rejects.toThrow(ZodError);
    await expect(common).rejects.toThrow(COMMON_PASSWORD_MESSAGE);
    await expect(
      signup(database.prisma, { ...valid(), email, password: email.toUpperCase() }, FROM),
    ).rejects.toThrow(PERSONAL_PASSWORD_MESSAGE);
    expect(await database.prisma.user.count({ where: { email } })).toBe(0);
    expect(hash).not.toHaveBeenCalled();
  });

  it('admits 10 sign-ups an hour from one address, then refuses them without hashing', async () => {
    hash.mockResolvedValue('scrypt$not-a-real-hash'); // only the counting matters here
    const ip = '198.51.100.20';
    const { maxAttempts } = SIGNUP_THROTTLE;
    expect(maxAttempts).toBe(10);
    // Every attempt counts, an email already taken too.
    const taken = await createAthlete();
    await expect(
      signup(database.prisma, { ...valid(), email: taken.email }, { ip, now: NOW }),
    ).rejects.toThrow(EmailTakenError);
    for (let i = 1; i < maxAttempts; i += 1) {
      await signup(database.prisma, valid(), { ip, now: new Date(NOW.getTime() + i * 60_000) });
    }
    expect(hash).toHaveBeenCalledTimes(maxAttempts - 1);

    const refused = signup(database.prisma, valid(), {
      ip,
      now: new Date(NOW.getTime() + 600_000),
    });
    await expect(refused).rejects.toThrow(SignupThrottledError);
    // Locked for an hour from the 10th sign-up (at 9 minutes): 59 minutes to go.
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 59 * 60 });
    await expect(refused).rejects.toThrow(
      'Too many sign-ups from this address; try again in 3540 s.',
    );
    expect(hash).toHaveBeenCalledTimes(maxAttempts - 1);

    // Another address is not affected, and the lock ends after the hour.
    await signup(database.prisma, valid(), { ip: '198.51.100.21', now: NOW });
    await signup(database.prisma, valid(), { ip, now: new Date(NOW.getTime() + 69 * 60_000) });
  });
});

describe('authenticate', () => {
  it('accepts the right password, with the email in any case and spacing', async () => {
    const athlete = await createAthlete();
    expect(
      await authenticate(
        database.prisma,
        { email: ` ${athlete.email.toUpperCase()} `, password: 'right-password' },
        { ip: '192.0.2.1', now: NOW },
      ),
    ).toEqual({ id: athlete.id, email: athlete.email, displayName: 'Runner', timezone: 'UTC' });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenLastCalledWith('right-password', knownHash);
    // A success leaves nothing behind in the throttle.
    expect(
      await database.prisma.loginFailure.count({
        where: { key: { in: [`email:${athlete.email}`, 'ip:192.0.2.1'] } },
      }),
    ).toBe(0);
  });

  it('refuses a wrong password, and records the failure', async () => {
    const athlete = await createAthlete();
    expect(
      await authenticate(
        database.prisma,
        { email: athlete.email, password: 'wrong-password' },
        { ip: '192.0.2.2', now: NOW },
      ),
    ).toBeNull();
    expect(verify).toHaveBeenCalledTimes(1);
    expect(
      await database.prisma.loginFailure.findMany({
        where: { key: { contains: '192.0.2.2' } },
        select: { key: true, failedAt: true },
        orderBy: { key: 'asc' },
      }),
    ).toEqual([
      { key: `email+ip:${athlete.email}|192.0.2.2`, failedAt: NOW },
      { key: 'ip:192.0.2.2', failedAt: NOW },
    ]);
    expect(
      await database.prisma.loginFailure.count({ where: { key: `email:${athlete.email}` } }),
    ).toBe(1);
  });

  it('refuses an unknown email after checking the password against a dummy hash all the same', async () => {
    const email = uniqueEmail();
    expect(
      await authenticate(
        database.prisma,
        { email, password: 'right-password' },
        { ip: '192.0.2.3', now: NOW },
      ),
    ).toBeNull();
    expect(verify).toHaveBeenCalledTimes(1);
    const [password, hash] = verify.mock.calls[0] ?? [];
    expect(password).toBe('right-password');
    // Same scheme and cost as a real hash, so it takes as long.
    expect(hash).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(hash?.split('$').slice(1, 4)).toEqual(knownHash.split('$').slice(1, 4));
    expect(await verify.mock.results[0]?.value).toBe(false);
    // Counted like any failure, so the throttle does not tell which emails exist either.
    expect(await database.prisma.loginFailure.count({ where: { key: `email:${email}` } })).toBe(1);
  });

  it('refuses malformed credentials with a ZodError, before anything else', async () => {
    await expect(
      authenticate(
        database.prisma,
        { email: 'nobody', password: 'x' },
        { ip: '192.0.2.4', now: NOW },
      ),
    ).rejects.toThrow(ZodError);
    expect(verify).not.toHaveBeenCalled();
  });
});
