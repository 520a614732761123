import type { DbClient, JournalEntry } from '@coach/db';
import {
  daysBetween,
  ENERGY_MAX,
  ENERGY_MIN,
  fromUtcMidnight,
  type LocalDate,
  PAIN_STEPS,
  RPE_MAX,
  RPE_MIN,
  toUtcMidnight,
} from '@coach/metrics';
import { z } from 'zod';
import { iso, loadAthleteProfile, localDate } from './athlete';

/** How far back an entry may be written or corrected, in days before today. */
const JOURNAL_MAX_DAYS_BACK = 60;
const JOURNAL_NOTES_MAX_CHARS = 2000;

/**
 * A journal answer for one day. Omitted fields are left as they are (null on a new entry); null
 * clears a field. At least one field besides `date` must be given. The date defaults to today in the
 * athlete's timezone and must lie within the last 60 days, checked by upsertJournal, which knows
 * the athlete's today.
 */
export const journalInput = z
  .strictObject({
    date: localDate.optional(),
    energyLevel: z.number().int().min(ENERGY_MIN).max(ENERGY_MAX).nullable().optional(),
    rpeScore: z.number().int().min(RPE_MIN).max(RPE_MAX).nullable().optional(),
    painPercentage: z
      .literal([...PAIN_STEPS], { error: `Pain must be one of ${PAIN_STEPS.join(', ')}` })
      .nullable()
      .optional(),
    notes: z.string().trim().max(JOURNAL_NOTES_MAX_CHARS).nullable().optional(),
  })
  .refine(
    (entry) =>
      [entry.energyLevel, entry.rpeScore, entry.painPercentage, entry.notes].some(
        (value) => value !== undefined,
      ),
    { error: 'Nothing to save: give energyLevel, rpeScore, painPercentage or notes' },
  );
export type JournalInput = z.input<typeof journalInput>;

export interface JournalEntryView {
  date: LocalDate;
  energyLevel: number | null;
  rpeScore: number | null;
  painPercentage: number | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

function journalView(entry: JournalEntry): JournalEntryView {
  return {
    date: fromUtcMidnight(entry.entryDate),
    energyLevel: entry.energyLevel,
    rpeScore: entry.rpeScore,
    painPercentage: entry.painPercentage,
    notes: entry.notes,
    createdAt: iso(entry.createdAt),
    updatedAt: iso(entry.updatedAt),
  };
}

/** journalInput plus the date window, which depends on the athlete's today. */
function journalInputOn(today: LocalDate) {
  return journalInput.superRefine(({ date }, ctx) => {
    if (date === undefined || !localDate.safeParse(date).success) return;
    const daysBack = daysBetween(date, today);
    if (daysBack < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        input: date,
        message: `The journal date cannot be in the future (today is ${today})`,
      });
    } else if (daysBack > JOURNAL_MAX_DAYS_BACK) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        input: date,
        message: `The journal date can be at most ${JOURNAL_MAX_DAYS_BACK} days back`,
      });
    }
  });
}

/** The athlete's journal entry for `date` (default today in their timezone); null when none. */
export async function getJournalEntry(
  prisma: DbClient,
  userId: number,
  date?: LocalDate,
  now: Date = new Date(),
): Promise<JournalEntryView | null> {
  const day = date === undefined ? undefined : localDate.parse(date);
  const { today } = await loadAthleteProfile(prisma, userId, now);
  const entry = await prisma.journalEntry.findUnique({
    where: { userId_entryDate: { userId, entryDate: toUtcMidnight(day ?? today) } },
  });
  return entry ? journalView(entry) : null;
}

/**
 * Creates or updates the athlete's journal entry for the day (one per day). Throws a ZodError for
 * invalid input, including a date in the future or more than 60 days back. Empty notes are stored
 * as null.
 */
export async function upsertJournal(
  prisma: DbClient,
  userId: number,
  input: JournalInput,
  now: Date = new Date(),
): Promise<JournalEntryView> {
  // The static checks first, so bad input is refused before any database work.
  journalInput.parse(input);
  const { today } = await loadAthleteProfile(prisma, userId, now);
  const { date, notes, ...answers } = journalInputOn(today).parse(input);
  const fields = {
    ...answers,
    ...(notes === undefined ? {} : { notes: notes === '' ? null : notes }),
  };
  const entryDate = toUtcMidnight(date ?? today);
  const entry = await prisma.journalEntry.upsert({
    where: { userId_entryDate: { userId, entryDate } },
    create: { userId, entryDate, ...fields },
    update: fields,
  });
  return journalView(entry);
}
