import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { toUtcMidnight } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { getJournalEntry, type JournalInput, journalInput, upsertJournal } from './journal';

// 07:00 on 2026-04-01 in Auckland (NZDT, UTC+13) while it is still 2026-03-31 in UTC.
const NOW = new Date('2026-03-31T18:00:00Z');
const TODAY = '2026-04-01';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

let athletes = 0;
async function createAthlete(timezone = 'Pacific/Auckland'): Promise<number> {
  athletes += 1;
  const { id } = await database.prisma.user.create({
    data: {
      email: `journal-${athletes}@example.com`,
      passwordHash: 'unused',
      displayName: `Journal Runner ${athletes}`,
      timezone,
    },
  });
  return id;
}

async function refusal(userId: number, input: unknown): Promise<ZodError> {
  const error = await upsertJournal(database.prisma, userId, input as JournalInput, NOW).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZodError);
  return error as ZodError;
}

describe('upsertJournal', () => {
  it('creates today’s entry (today in the athlete’s timezone), then updates the same entry', async () => {
    const userId = await createAthlete();
    const created = await upsertJournal(
      database.prisma,
      userId,
      { energyLevel: 3, painPercentage: 20, notes: '  Tight left calf after the hills.  ' },
      NOW,
    );
    expect(created).toEqual({
      date: TODAY,
      energyLevel: 3,
      rpeScore: null,
      painPercentage: 20,
      notes: 'Tight left calf after the hills.',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);

    const updated = await upsertJournal(
      database.prisma,
      userId,
      { date: TODAY, rpeScore: 6, painPercentage: 0, notes: null },
      NOW,
    );
    // Given fields change, omitted ones stay, null clears.
    expect(updated).toMatchObject({
      date: TODAY,
      energyLevel: 3,
      rpeScore: 6,
      painPercentage: 0,
      notes: null,
      createdAt: created.createdAt,
    });

    const rows = await database.prisma.journalEntry.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.entryDate).toEqual(toUtcMidnight(TODAY));
    expect(await getJournalEntry(database.prisma, userId, undefined, NOW)).toEqual(updated);
    expect(await getJournalEntry(database.prisma, userId, TODAY, NOW)).toEqual(updated);
  });

  it('writes an earlier day, up to 60 days back, and stores blank notes as null', async () => {
    const userId = await createAthlete();
    const entry = await upsertJournal(
      database.prisma,
      userId,
      { date: '2026-01-31', energyLevel: 2, notes: '   ' },
      NOW,
    );
    expect(entry).toMatchObject({ date: '2026-01-31', energyLevel: 2, notes: null });
    expect(await getJournalEntry(database.prisma, userId, '2026-01-31', NOW)).toEqual(entry);
    expect(await getJournalEntry(database.prisma, userId, undefined, NOW)).toBeNull();
  });

  it.each([
    ['pain 30', { painPercentage: 30 }, 'painPercentage'],
    ['energy 6', { energyLevel: 6 }, 'energyLevel'],
    ['energy 0', { energyLevel: 0 }, 'energyLevel'],
    ['energy 2.5', { energyLevel: 2.5 }, 'energyLevel'],
    ['RPE 11', { rpeScore: 11 }, 'rpeScore'],
    ['energy as text', { energyLevel: '3' }, 'energyLevel'],
    ['notes over 2,000 characters', { notes: 'x'.repeat(2001) }, 'notes'],
    ['tomorrow', { date: '2026-04-02', energyLevel: 3 }, 'date'],
    ['61 days back', { date: '2026-01-30', energyLevel: 3 }, 'date'],
    ['not a real date', { date: '2026-02-30', energyLevel: 3 }, 'date'],
    ['not a date at all', { date: 'yesterday', energyLevel: 3 }, 'date'],
  ])('refuses %s with a zod error, writing nothing', async (_, input, path) => {
    const userId = await createAthlete();
    const error = await refusal(userId, input);
    expect(error.issues.map((issue) => issue.path.join('.'))).toContain(path);
    expect(await database.prisma.journalEntry.count({ where: { userId } })).toBe(0);
  });

  it('refuses a date that is already tomorrow for the athlete though still today in UTC', async () => {
    const userId = await createAthlete('America/Los_Angeles');
    // 11:00 on 2026-03-31 in Los Angeles: 2026-04-01 is the future there.
    const error = await refusal(userId, { date: TODAY, energyLevel: 4 });
    expect(error.issues[0]?.message).toMatch(/future.*2026-03-31/);
  });

  it('refuses unknown fields and an entry with nothing in it', async () => {
    const userId = await createAthlete();
    expect((await refusal(userId, { energyLevel: 3, mood: 'great' })).issues[0]?.code).toBe(
      'unrecognized_keys',
    );
    expect((await refusal(userId, { date: TODAY })).issues[0]?.message).toMatch(/Nothing to save/);
    expect((await refusal(userId, {})).issues[0]?.message).toMatch(/Nothing to save/);
  });

  it('accepts every step of the pain scale', () => {
    for (const painPercentage of [0, 20, 40, 60, 80, 100]) {
      expect(journalInput.parse({ painPercentage })).toEqual({ painPercentage });
    }
  });
});

describe('getJournalEntry', () => {
  it('is null without an entry, and refuses a malformed date', async () => {
    const userId = await createAthlete();
    expect(await getJournalEntry(database.prisma, userId, undefined, NOW)).toBeNull();
    await expect(getJournalEntry(database.prisma, userId, '2026-4-1', NOW)).rejects.toBeInstanceOf(
      ZodError,
    );
  });

  it('never shows another athlete’s entry', async () => {
    const alice = await createAthlete();
    const bob = await createAthlete();
    await upsertJournal(database.prisma, alice, { energyLevel: 5, notes: 'Alice only' }, NOW);
    await upsertJournal(database.prisma, bob, { energyLevel: 1 }, NOW);
    expect(await getJournalEntry(database.prisma, alice, TODAY, NOW)).toMatchObject({
      energyLevel: 5,
      notes: 'Alice only',
    });
    expect(await getJournalEntry(database.prisma, bob, TODAY, NOW)).toMatchObject({
      energyLevel: 1,
      notes: null,
    });
    const carol = await createAthlete();
    expect(await getJournalEntry(database.prisma, carol, TODAY, NOW)).toBeNull();
    // Bob's update left Alice's entry alone.
    expect(await database.prisma.journalEntry.count({ where: { userId: alice } })).toBe(1);
  });
});
