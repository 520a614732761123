import type { ExportItem } from '@coach/activity-files';
import { atomically, type DbClient } from '@coach/db';
import { type NewActivity, recordActivities } from '@coach/training';
import { toNewActivity } from './new-activity';
import {
  type ActivityFootprint,
  isSameActivity,
  SAME_START_TOLERANCE_SECONDS,
} from './same-activity';

export type ImportOutcome =
  | {
      origin: string;
      status: 'imported' | 'already_there';
      /** e.g. that a Strava row stood in for a file that could not be read */
      note?: string;
    }
  | { origin: string; status: 'failed'; reason: string };

export interface ImportSummary {
  imported: number;
  alreadyThere: number;
  failed: number;
}

/**
 * Activities written per transaction. Each waits as a few hundred bytes (its heart-rate stream is
 * kept as seconds per bpm), so a batch's memory is small whatever the files; each batch rebuilds the
 * athlete's daily metrics once, so fewer, larger batches import faster (measured: 1,000 activities
 * took 28 s of database work in batches of 100, 12 s in batches of 500).
 */
const IMPORT_BATCH_ACTIVITIES = 500;

interface Pending {
  origin: string;
  activity: NewActivity;
  note?: string;
}

const keyOf = ({ source, sourceId }: { source: string; sourceId: string }) =>
  `${source}\u0000${sourceId}`;

/**
 * Decides, inside the batch's transaction, which activities are new: not stored under the same key,
 * not the same session as a stored one or an earlier one of the batch (isSameActivity). The athlete's
 * row is locked first, so two imports for one athlete cannot both decide that the same run is new.
 */
async function writeBatch(
  db: DbClient,
  userId: number,
  batch: readonly Pending[],
  now: Date,
): Promise<ImportOutcome[]> {
  return atomically(db, async (tx) => {
    await tx.$queryRaw`select id from users where id = ${userId} for update`;
    const stored = await tx.activity.findMany({
      where: { userId, sourceId: { in: batch.map((pending) => pending.activity.sourceId) } },
      select: { source: true, sourceId: true },
    });
    const knownKeys = new Set(stored.map(keyOf));
    const times = batch.map((pending) => pending.activity.startTime.getTime());
    const margin = SAME_START_TOLERANCE_SECONDS * 1000;
    const nearby: ActivityFootprint[] = await tx.activity.findMany({
      where: {
        userId,
        startTime: {
          gte: new Date(Math.min(...times) - margin),
          lte: new Date(Math.max(...times) + margin),
        },
      },
      select: { startTime: true, distanceMeters: true },
    });

    const added: NewActivity[] = [];
    const outcomes = batch.map(({ origin, activity, note }): ImportOutcome => {
      const known =
        knownKeys.has(keyOf(activity)) ||
        nearby.some((other) => isSameActivity(activity, other)) ||
        added.some((other) => isSameActivity(activity, other));
      if (!known) {
        added.push(activity);
        knownKeys.add(keyOf(activity));
      }
      return { origin, status: known ? 'already_there' : 'imported', ...(note ? { note } : {}) };
    });
    if (added.length > 0) await recordActivities(tx, userId, added, now);
    return outcomes;
  });
}

/**
 * Imports an athlete's activities as they are read, a batch per transaction (recordActivities keeps
 * their daily metrics in step). Idempotent: what is already there is not added again. Reports one
 * outcome per item, in batches as they are written; a batch that cannot be written fails its items
 * and the import goes on.
 */
export async function importActivities(
  db: DbClient,
  userId: number,
  items: AsyncIterable<ExportItem>,
  onOutcome: (outcome: ImportOutcome) => void = () => {},
  now: Date = new Date(),
): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: 0, alreadyThere: 0, failed: 0 };
  const report = (outcome: ImportOutcome) => {
    if (outcome.status === 'imported') summary.imported += 1;
    else if (outcome.status === 'already_there') summary.alreadyThere += 1;
    else summary.failed += 1;
    onOutcome(outcome);
  };

  // One batch is written while the next is read, so parsing files overlaps the database's work.
  let batch: Pending[] = [];
  let writing = Promise.resolve();
  const write = async (written: readonly Pending[]) => {
    try {
      for (const outcome of await writeBatch(db, userId, written, now)) report(outcome);
    } catch (error) {
      const reason = `could not be saved (${(error as Error).message})`;
      for (const { origin } of written) report({ origin, status: 'failed', reason });
    }
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const written = batch;
    batch = [];
    await writing;
    writing = write(written);
  };

  for await (const item of items) {
    if ('error' in item) {
      report({ origin: item.origin, status: 'failed', reason: item.error.message });
      continue;
    }
    batch.push({
      origin: item.origin,
      activity: toNewActivity(item.activity, item.stravaActivityId),
      ...(item.fileError
        ? { note: `from activities.csv; the file was not read: ${item.fileError.message}` }
        : {}),
    });
    if (batch.length >= IMPORT_BATCH_ACTIVITIES) await flush();
  }
  await flush();
  await writing;
  return summary;
}
