import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { MEMORY_MAX_ITEMS, MEMORY_TEXT_MAX_CHARS } from './bounds';
import {
  addMemory,
  deleteMemory,
  listMemories,
  MemoryFullError,
  MemoryItemNotFoundError,
  type MemoryItemView,
  updateMemory,
} from './memory';

/** The fields an update replaces, taken from a listed item. */
const fieldsOf = ({ id, kind, text, since, current }: MemoryItemView) => ({
  id,
  kind,
  text,
  since,
  current,
});

// 23:00 on 2026-03-11 in Denver (MDT, UTC−6): already 2026-03-12 in UTC.
const NOW = new Date('2026-03-12T05:00:00Z');

describe('the athlete’s memory', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const athlete = async () =>
    (await createTestAthlete(database.prisma, { timezone: 'America/Denver' })).id;

  it('lists current items first, then resolved ones, latest start first', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const fracture = await addMemory(
      prisma,
      userId,
      { kind: 'injury', text: 'Stress fracture, left tibia', since: '2025-09-01' },
      NOW,
    );
    await addMemory(prisma, userId, { kind: 'constraint', text: 'No running on Tuesdays' }, NOW);
    await addMemory(
      prisma,
      userId,
      { kind: 'injury', text: '  Left calf tight  ', since: '2026-03-05' },
      NOW,
    );
    await updateMemory(prisma, userId, { ...fieldsOf(fracture), current: false }, NOW);

    const items = await listMemories(prisma, userId);
    expect(items.map(({ text, since, current }) => ({ text, since, current }))).toEqual([
      { text: 'Left calf tight', since: '2026-03-05', current: true },
      { text: 'No running on Tuesdays', since: null, current: true },
      { text: 'Stress fracture, left tibia', since: '2025-09-01', current: false },
    ]);
    expect(items.every((item) => item.source === 'athlete')).toBe(true);
  });

  it('takes a start day up to the athlete’s today, not after', async () => {
    const userId = await athlete();
    // 2026-03-11 is today in Denver while it is already 2026-03-12 in UTC.
    await expect(
      addMemory(database.prisma, userId, { kind: 'goal', text: 'x', since: '2026-03-11' }, NOW),
    ).resolves.toMatchObject({ since: '2026-03-11' });
    await expect(
      addMemory(database.prisma, userId, { kind: 'goal', text: 'x', since: '2026-03-12' }, NOW),
    ).rejects.toBeInstanceOf(ZodError);
  });

  it('refuses empty and over-long text and unknown kinds', async () => {
    const userId = await athlete();
    for (const input of [
      { kind: 'injury', text: '   ' },
      { kind: 'injury', text: 'x'.repeat(MEMORY_TEXT_MAX_CHARS + 1) },
      { kind: 'mood', text: 'happy' },
    ]) {
      // @ts-expect-error: bad input on purpose
      await expect(addMemory(database.prisma, userId, input, NOW)).rejects.toBeInstanceOf(ZodError);
    }
  });

  it('keeps at most MEMORY_MAX_ITEMS items per athlete, even when adds arrive together', async () => {
    const userId = await athlete();
    const results = await Promise.allSettled(
      Array.from({ length: MEMORY_MAX_ITEMS + 3 }, (_, i) =>
        addMemory(database.prisma, userId, { kind: 'preference', text: `item ${i}` }, NOW),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.reason).toBeInstanceOf(MemoryFullError);
    expect(await listMemories(database.prisma, userId)).toHaveLength(MEMORY_MAX_ITEMS);
  });

  it('never edits or deletes another athlete’s item', async () => {
    const { prisma } = database;
    const owner = await athlete();
    const other = await athlete();
    const item = await addMemory(prisma, owner, { kind: 'health', text: 'Asthma' }, NOW);
    await expect(
      updateMemory(prisma, other, { ...fieldsOf(item), text: 'changed' }, NOW),
    ).rejects.toBeInstanceOf(MemoryItemNotFoundError);
    await expect(deleteMemory(prisma, other, { id: item.id })).rejects.toBeInstanceOf(
      MemoryItemNotFoundError,
    );
    expect(await listMemories(prisma, other)).toEqual([]);
    expect((await listMemories(prisma, owner)).map((i) => i.text)).toEqual(['Asthma']);
  });

  it('goes with the account when the athlete is deleted', async () => {
    const { prisma } = database;
    const userId = await athlete();
    await addMemory(prisma, userId, { kind: 'health', text: 'Asthma' }, NOW);
    await prisma.user.delete({ where: { id: userId } });
    expect(await prisma.athleteMemory.count({ where: { userId } })).toBe(0);
  });
});
