// Two server instances on one PostgreSQL server: two `openDatabase` pools share the throttle.
import { type Database, openDatabase } from '@coach/db';
import { createPostgresDatabase, createTestAthlete, TEST_POSTGRES_URL } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from './accounts';
import { LoginThrottledError } from './login-throttle';
import { hashPassword } from './password';
import { createSession, resolveSession } from './sessions';

const postgres = await createPostgresDatabase();
if (!postgres) {
  console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping its tests.`);
}

const MINUTE = 60_000;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const IP = '192.0.2.30';

describe.skipIf(!postgres)('auth on a PostgreSQL server, two instances', () => {
  let a: Database;
  let b: Database;
  let knownHash: string;

  beforeAll(async () => {
    const url = postgres?.url ?? '';
    a = await openDatabase({ databaseUrl: url });
    b = await openDatabase({ databaseUrl: url });
    [, knownHash] = await Promise.all([a.migrate(), hashPassword('right-password')]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await postgres?.drop();
  });

  function createAthlete() {
    return createTestAthlete(a.prisma, { passwordHash: knownHash, displayName: 'PG' });
  }

  it('counts failures of one email and address on either instance against one limit', async () => {
    const { email } = await createAthlete();
    for (let i = 0; i < 5; i += 1) {
      const instance = i % 2 === 0 ? a : b;
      expect(
        await authenticate(
          instance.prisma,
          { email, password: 'wrong' },
          { ip: IP, now: at(i * MINUTE) },
        ),
      ).toBeNull();
    }
    for (const instance of [a, b]) {
      const refused = authenticate(
        instance.prisma,
        { email, password: 'right-password' },
        { ip: IP, now: at(5 * MINUTE) },
      );
      await expect(refused).rejects.toThrow(LoginThrottledError);
      await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 14 * 60 });
    }
    // After the lock, a success on one instance clears the count for the other.
    expect(
      await authenticate(
        b.prisma,
        { email, password: 'right-password' },
        { ip: IP, now: at(19 * MINUTE) },
      ),
    ).toMatchObject({ email });
    expect(
      await authenticate(a.prisma, { email, password: 'wrong' }, { ip: IP, now: at(20 * MINUTE) }),
    ).toBeNull();
    expect(await b.prisma.loginFailure.count({ where: { key: `email+ip:${email}|${IP}` } })).toBe(
      1,
    );
  });

  it('lets exactly 5 of 12 parallel attempts (6 per instance) check a password', async () => {
    const { email } = await createAthlete();
    const burst = (instance: Database) =>
      Array.from({ length: 6 }, () =>
        authenticate(instance.prisma, { email, password: 'wrong' }, { ip: '203.0.113.5', now: T0 }),
      );
    const results = await Promise.allSettled([...burst(a), ...burst(b)]);
    const checked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) => r.status === 'rejected' && r.reason instanceof LoginThrottledError,
    );
    expect(checked).toHaveLength(5);
    expect(refused).toHaveLength(7);
    expect(
      await a.prisma.loginFailure.count({ where: { key: `email+ip:${email}|203.0.113.5` } }),
    ).toBe(5);
    expect(await a.prisma.loginFailure.count({ where: { key: 'ip:203.0.113.5' } })).toBe(5);
  });

  it('resolves a session made on the other instance', async () => {
    const athlete = await createAthlete();
    const { token } = await createSession(a.prisma, athlete.id, T0);
    expect(await resolveSession(b.prisma, token, T0)).toMatchObject({ user: { id: athlete.id } });
  });
});
