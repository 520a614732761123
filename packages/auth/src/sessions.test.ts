import { createHash } from 'node:crypto';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  resolveSession,
  sessionStandsUntil,
} from './sessions';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

function createAthlete() {
  return createTestAthlete(database.prisma, { timezone: 'Europe/Berlin' });
}

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

async function storedExpiry(token: string): Promise<Date | undefined> {
  const id = createHash('sha256').update(token).digest('hex');
  return (await database.prisma.session.findUnique({ where: { id } }))?.expiresAt;
}

describe('sessions', () => {
  it('creates a 30-day session whose token is stored only as its SHA-256', async () => {
    const athlete = await createAthlete();
    const { token, expiresAt } = await createSession(database.prisma, athlete.id, NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(expiresAt).toEqual(new Date('2026-03-31T12:00:00.000Z'));

    const rows = await database.prisma.$queryRaw<{ row: string }[]>`
      SELECT row_to_json(s)::text AS row FROM sessions s WHERE user_id = ${athlete.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).not.toContain(token);
    const stored = await database.prisma.session.findMany({ where: { userId: athlete.id } });
    expect(stored).toEqual([
      {
        id: createHash('sha256').update(token).digest('hex'),
        userId: athlete.id,
        createdAt: NOW,
        expiresAt,
      },
    ]);
    // Two sessions never share a token.
    const second = await createSession(database.prisma, athlete.id, NOW);
    expect(second.token).not.toBe(token);
  });

  it('resolves to the user and keeps the expiry while at least half the lifetime is left', async () => {
    const athlete = await createAthlete();
    const { token, expiresAt } = await createSession(database.prisma, athlete.id, NOW);
    const user = {
      id: athlete.id,
      email: athlete.email,
      displayName: athlete.displayName,
      timezone: 'Europe/Berlin',
    };
    expect(await resolveSession(database.prisma, token, NOW)).toEqual({
      user,
      expiresAt,
      renewed: false,
    });
    // Exactly 15 days left: not yet renewed.
    expect(await resolveSession(database.prisma, token, at(15 * DAY))).toEqual({
      user,
      expiresAt,
      renewed: false,
    });
    expect(await storedExpiry(token)).toEqual(expiresAt);
  });

  it('renews to 30 days from now once less than half the lifetime is left', async () => {
    const athlete = await createAthlete();
    const { token } = await createSession(database.prisma, athlete.id, NOW);
    const later = at(15 * DAY + 1); // 15 days minus 1 ms left
    const renewed = await resolveSession(database.prisma, token, later);
    expect(renewed).toMatchObject({ user: { id: athlete.id }, renewed: true });
    expect(renewed?.expiresAt).toEqual(new Date('2026-04-15T12:00:00.001Z'));
    expect(await storedExpiry(token)).toEqual(renewed?.expiresAt);

    // One millisecond before the old expiry it would have been dead; now it is alive.
    expect(await resolveSession(database.prisma, token, at(30 * DAY))).toMatchObject({
      renewed: false,
      expiresAt: new Date('2026-04-15T12:00:00.001Z'),
    });
  });

  it('refuses and deletes an expired session, at its expiry to the millisecond', async () => {
    const athlete = await createAthlete();
    const { token, expiresAt } = await createSession(database.prisma, athlete.id, NOW);
    expect(await resolveSession(database.prisma, token, expiresAt)).toBeNull();
    expect(await storedExpiry(token)).toBeUndefined();
    // Gone for good: an earlier clock does not bring it back.
    expect(await resolveSession(database.prisma, token, NOW)).toBeNull();

    const other = await createSession(database.prisma, athlete.id, NOW);
    expect(await resolveSession(database.prisma, other.token, at(30 * DAY - 1))).toMatchObject({
      renewed: true,
      expiresAt: at(60 * DAY - 1),
    });
  });

  it('gives null, never an error, for missing, malformed or unknown tokens', async () => {
    const unknown = 'A'.repeat(43);
    const malformed: unknown[] = [
      undefined,
      null,
      '',
      'short',
      'A'.repeat(42),
      'A'.repeat(44),
      `${'A'.repeat(42)}+`,
      `${'A'.repeat(42)}=`,
      `${'A'.repeat(42)}\u00e9`,
      "' OR 1=1 --",
      42,
      { token: unknown },
      unknown,
    ];
    for (const token of malformed) {
      expect(await resolveSession(database.prisma, token as string, NOW)).toBeNull();
      expect(await deleteSession(database.prisma, token as string)).toBe(false);
    }
    const athlete = await createAthlete();
    const { token } = await createSession(database.prisma, athlete.id, NOW);
    expect(await resolveSession(database.prisma, token, new Date(Number.NaN))).toBeNull();
  });

  it('signs one session out, or all of a user', async () => {
    const athlete = await createAthlete();
    const bystander = await createAthlete();
    const [phone, laptop, tablet] = await Promise.all([
      createSession(database.prisma, athlete.id, NOW),
      createSession(database.prisma, athlete.id, NOW),
      createSession(database.prisma, athlete.id, NOW),
    ]);
    const theirs = await createSession(database.prisma, bystander.id, NOW);

    expect(await deleteSession(database.prisma, phone?.token)).toBe(true);
    expect(await deleteSession(database.prisma, phone?.token)).toBe(false);
    expect(await resolveSession(database.prisma, phone?.token, NOW)).toBeNull();
    expect(await resolveSession(database.prisma, laptop?.token, NOW)).not.toBeNull();

    expect(await deleteUserSessions(database.prisma, athlete.id)).toBe(2);
    expect(await resolveSession(database.prisma, laptop?.token, NOW)).toBeNull();
    expect(await resolveSession(database.prisma, tablet?.token, NOW)).toBeNull();
    expect(await resolveSession(database.prisma, theirs.token, NOW)).toMatchObject({
      user: { id: bystander.id },
    });
  });

  it('tells until when a session still stands: not signed out, not expired', async () => {
    const athlete = await createAthlete();
    const { token, expiresAt } = await createSession(database.prisma, athlete.id, NOW);
    expect(await sessionStandsUntil(database.prisma, token, NOW)).toEqual(expiresAt);
    expect(await sessionStandsUntil(database.prisma, token, expiresAt)).toBeNull();
    expect(await sessionStandsUntil(database.prisma, 'A'.repeat(43), NOW)).toBeNull();
    expect(await sessionStandsUntil(database.prisma, 'malformed', NOW)).toBeNull();
    await deleteSession(database.prisma, token);
    expect(await sessionStandsUntil(database.prisma, token, NOW)).toBeNull();
  });

  it('clears out expired sessions in bulk', async () => {
    const athlete = await createAthlete();
    const old = await createSession(database.prisma, athlete.id, at(-31 * DAY));
    const current = await createSession(database.prisma, athlete.id, NOW);
    expect(await deleteExpiredSessions(database.prisma, NOW)).toBeGreaterThanOrEqual(1);
    expect(await storedExpiry(old.token)).toBeUndefined();
    expect(await storedExpiry(current.token)).toEqual(current.expiresAt);
  });
});
