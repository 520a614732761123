// `pnpm bench idle [--db postgres|pglite] [--runs 5]`: the production build's resident memory at
// idle. Each run starts `dist/main.mjs` as `pnpm start` runs it (its node flags and environment;
// build it first) on a migrated database with one athlete, waits IDLE_MS after it listens, reads
// its RSS and stops it. Prints the median, lowest and highest. The environment passes through
// (e.g. NODE_OPTIONS, or MALLOC_ARENA_MAX to override the production default).
import { loadavg } from 'node:os';
import { type DatabaseKind, parsedOrExplained, UsageError } from '../streams/args';
import { prepareDatabase } from '../streams/database';
import { readProc } from '../streams/proc-stats';
import { spreadOf } from '../streams/rounds';
import { serverEnv, startServer } from '../streams/server-process';

const USAGE = 'usage: pnpm bench idle [--db postgres|pglite] [--runs N]';
const IDLE_MS = 5_000;
/** Nothing calls the model at idle; a closed port, should anything try. */
const NO_MODEL = 'http://127.0.0.1:9';

function parse(argv: readonly string[]): { database: DatabaseKind; runs: number } {
  let database: DatabaseKind = 'postgres';
  let runs = 5;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--db' && (value === 'postgres' || value === 'pglite')) database = value;
    else if (flag === '--runs' && Number.isInteger(Number(value)) && Number(value) > 0) {
      runs = Number(value);
    } else throw new UsageError(`not understood: ${flag} ${value ?? ''}`);
  }
  return { database, runs };
}

export async function main(argv: readonly string[]): Promise<void> {
  const options = parsedOrExplained(parse, argv, USAGE);
  if (!options) return;
  const prepared = await prepareDatabase(options.database, 1, 28);
  const mib: number[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      const server = await startServer(serverEnv(prepared, NO_MODEL, 1000), [], true);
      try {
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
        mib.push(readProc(server.pid).rssBytes / 1024 / 1024);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await prepared.remove();
  }
  const { median, lowest, highest } = spreadOf(mib);
  console.log(
    `idle RSS of the built server on ${options.database}, ${IDLE_MS / 1000} s after it listens, ` +
      `${options.runs} runs (load average ${loadavg()[0]?.toFixed(1)}): median ${median.toFixed(0)} MiB, ` +
      `lowest ${lowest.toFixed(0)}, highest ${highest.toFixed(0)} ` +
      `(each: ${mib.map((m) => m.toFixed(0)).join(', ')})`,
  );
}
