import { atomically, type DbClient, type Prisma } from '@coach/db';
import { daysBetween, fromUtcMidnight, type LocalDate, toUtcMidnight } from '@coach/metrics';
import { ZodRealError, z } from 'zod';
import { loadAthleteProfile, localDate, lockAthlete } from './athlete';
import { MEMORY_KINDS, MEMORY_MAX_ITEMS, MEMORY_TEXT_MAX_CHARS } from './bounds';

type MemoryKind = (typeof MEMORY_KINDS)[number];
/** Who wrote an item: the athlete in the panel, the athlete in chat ("remember that …"), the coach. */
export type MemorySource = 'athlete' | 'chat' | 'coach';

/** One thing the athlete has told the coach to keep. */
export interface MemoryItemView {
  id: number;
  kind: MemoryKind;
  text: string;
  /** the local day it started, when the athlete said */
  since: LocalDate | null;
  /** false once the athlete marked it resolved (a healed injury) */
  current: boolean;
  source: MemorySource;
  /** when it was last written (ISO instant) */
  updatedAt: string;
}

/** No memory item with that id among the athlete's own. */
export class MemoryItemNotFoundError extends Error {
  constructor() {
    super('No such item in what your coach knows.');
    this.name = 'MemoryItemNotFoundError';
  }
}

/** The athlete already keeps the most items allowed. */
export class MemoryFullError extends Error {
  constructor() {
    super(
      `Your coach keeps at most ${MEMORY_MAX_ITEMS} things about you: delete one you no longer need first.`,
    );
    this.name = 'MemoryFullError';
  }
}

/** A row id: a positive Postgres `integer`, so an id past its range is bad input, not a database error. */
export const memoryId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

/** An item as the athlete writes it; `since` is a day up to today in the athlete's time zone. */
export const memoryInput = z.strictObject({
  kind: z.enum(MEMORY_KINDS),
  text: z.string().trim().min(1).max(MEMORY_TEXT_MAX_CHARS),
  since: localDate.nullable().optional(),
  /** false: resolved (kept, no longer a current fact); default true */
  current: z.boolean().optional(),
});
export type MemoryInput = z.input<typeof memoryInput>;
/** Replaces every field of an item: the page sends the whole item, resolved or not. */
export const memoryUpdate = memoryInput.extend({ id: memoryId });
export type MemoryUpdate = z.input<typeof memoryUpdate>;
export const memoryIdInput = z.strictObject({ id: memoryId });

const memorySelect = {
  id: true,
  kind: true,
  text: true,
  since: true,
  current: true,
  source: true,
  updatedAt: true,
} as const satisfies Prisma.AthleteMemorySelect;

function memoryItemView(
  row: Prisma.AthleteMemoryGetPayload<{ select: typeof memorySelect }>,
): MemoryItemView {
  return {
    ...row,
    since: row.since ? fromUtcMidnight(row.since) : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A `since` after the athlete's today is refused the way the schema refuses, as a ZodError. */
function checkSince(since: LocalDate, today: LocalDate, input: unknown): void {
  if (daysBetween(today, since) > 0) {
    throw new ZodRealError([
      {
        code: 'custom',
        path: ['since'],
        message: `"Since" must be today or earlier (today is ${today})`,
        input,
      },
    ]);
  }
}

/** Everything the athlete keeps: current items first, then resolved ones; latest start first within each. */
export async function listMemories(prisma: DbClient, userId: number): Promise<MemoryItemView[]> {
  const rows = await prisma.athleteMemory.findMany({
    where: { userId },
    orderBy: [{ current: 'desc' }, { since: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    select: memorySelect,
  });
  return rows.map(memoryItemView);
}

function saveMemory(
  prisma: DbClient,
  userId: number,
  id: number | undefined,
  item: z.output<typeof memoryInput>,
  now: Date,
  source: MemorySource = 'athlete',
): Promise<MemoryItemView> {
  // The athlete's row is locked, so two adds sent at once cannot both pass the cap.
  return atomically(prisma, async (tx) => {
    await lockAthlete(tx, userId);
    if (item.since) {
      const { today } = await loadAthleteProfile(tx, userId, now);
      checkSince(item.since, today, item);
    }
    const data = {
      kind: item.kind,
      text: item.text,
      since: item.since ? toUtcMidnight(item.since) : null,
      current: item.current ?? true,
    };
    if (id === undefined) {
      if ((await tx.athleteMemory.count({ where: { userId } })) >= MEMORY_MAX_ITEMS) {
        throw new MemoryFullError();
      }
      return memoryItemView(
        await tx.athleteMemory.create({
          data: { userId, ...data, source },
          select: memorySelect,
        }),
      );
    }
    const { count } = await tx.athleteMemory.updateMany({ where: { id, userId }, data });
    if (count === 0) throw new MemoryItemNotFoundError();
    return memoryItemView(
      await tx.athleteMemory.findUniqueOrThrow({ where: { id }, select: memorySelect }),
    );
  });
}

/**
 * Adds an item the athlete wrote (in the panel, or in chat: source `chat`). ZodError for invalid
 * input, MemoryFullError past the cap.
 */
export async function addMemory(
  prisma: DbClient,
  userId: number,
  input: MemoryInput,
  now: Date = new Date(),
  source: MemorySource = 'athlete',
): Promise<MemoryItemView> {
  return saveMemory(prisma, userId, undefined, memoryInput.parse(input), now, source);
}

/** Replaces every field of one of the athlete's items; MemoryItemNotFoundError when it is not theirs. */
export async function updateMemory(
  prisma: DbClient,
  userId: number,
  input: MemoryUpdate,
  now: Date = new Date(),
): Promise<MemoryItemView> {
  const { id, ...fields } = memoryUpdate.parse(input);
  return saveMemory(prisma, userId, id, fields, now);
}

/** Deletes one of the athlete's items; MemoryItemNotFoundError when it is not theirs. */
export async function deleteMemory(
  prisma: DbClient,
  userId: number,
  input: z.input<typeof memoryIdInput>,
): Promise<{ id: number }> {
  const { id } = memoryIdInput.parse(input);
  const { count } = await prisma.athleteMemory.deleteMany({ where: { id, userId } });
  if (count === 0) throw new MemoryItemNotFoundError();
  return { id };
}
