// `pnpm bench coaching [--db postgres|pglite] [--athletes 60] [--days 56]`: the main thread's CPU
// for each athlete's first coaching run of the day, the work a new athlete's first request waits
// for (see CoachingDays.ensureToday). Seeds the athletes, then runs their days one at a time in
// this process, on the sources; the first WARMUP runs are left out (JIT, Prisma's query plans).
// Prints the median, lowest and highest.
import { loadavg } from 'node:os';
import { CoachingDays } from '@coach/coaching-runs';
import { type DatabaseKind, parsedOrExplained, UsageError } from '../streams/args';
import { openBenchDatabase, prepareDatabase } from '../streams/database';
import { spreadOf } from '../streams/rounds';

const WARMUP = 10;

interface Options {
  database: DatabaseKind;
  athletes: number;
  days: number;
}

const USAGE = 'usage: pnpm bench coaching [--db postgres|pglite] [--athletes N] [--days N]';

function parse(argv: readonly string[]): Options {
  const options: Options = { database: 'postgres', athletes: 60, days: 56 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const count = Number(value);
    if (flag === '--db' && (value === 'postgres' || value === 'pglite')) options.database = value;
    else if (flag === '--athletes' && Number.isInteger(count) && count > WARMUP) {
      options.athletes = count;
    } else if (flag === '--days' && Number.isInteger(count) && count > 0) options.days = count;
    else throw new UsageError(`not understood: ${flag} ${value ?? ''}`);
  }
  return options;
}

export async function main(argv: readonly string[]): Promise<void> {
  const options = parsedOrExplained(parse, argv, USAGE);
  if (!options) return;
  const prepared = await prepareDatabase(options.database, options.athletes, options.days);
  const cpuMs: number[] = [];
  try {
    const database = await openBenchDatabase(prepared.env);
    try {
      const failed: unknown[] = [];
      const coaching = new CoachingDays(database.prisma, {
        warn: (details) => failed.push(details),
      });
      const athletes = await database.prisma.user.findMany({
        select: { id: true, timezone: true },
        orderBy: { id: 'asc' },
      });
      for (const [i, athlete] of athletes.entries()) {
        const before = process.cpuUsage();
        await coaching.ensureToday(athlete.id, athlete.timezone);
        const used = process.cpuUsage(before);
        if (i >= WARMUP) cpuMs.push((used.user + used.system) / 1000);
      }
      if (failed.length > 0) throw new Error(`coaching runs failed: ${JSON.stringify(failed[0])}`);
    } finally {
      await database.close();
    }
  } finally {
    await prepared.remove();
  }
  const { median, lowest, highest } = spreadOf(cpuMs);
  console.log(
    `first coaching run of the day on ${options.database}, ${options.days} days of history, ` +
      `${cpuMs.length} athletes after ${WARMUP} (load average ${loadavg()[0]?.toFixed(1)}): ` +
      `CPU median ${median.toFixed(1)} ms, lowest ${lowest.toFixed(1)}, highest ${highest.toFixed(1)}`,
  );
}
