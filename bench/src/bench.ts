// `pnpm bench`: the vitest benchmarks (results/bench.json). `pnpm bench <name> [flags]` runs one of
// the benchmarks below (each writes results/<name>*.json). The root script passes its arguments
// through turbo to this one.
import { spawn } from 'node:child_process';
import { main as coaching } from './coaching/cli';
import { main as cost } from './cost/cli';
import { main as idle } from './idle/cli';
import { main as importBench } from './import/cli';
import { main as limiter } from './limiter/cli';
import { main as streams } from './streams/cli';

const BENCHMARKS: Record<string, (args: string[]) => Promise<void>> = {
  /** chat answers streamed at scale against a bare relay (src/streams, `--help` for its flags) */
  streams,
  /** cost per chat message over a 10-turn conversation (src/cost) */
  cost,
  /** the daily limit under a burst across two instances (src/limiter) */
  limiter,
  /** the CPU of an athlete's first coaching run of the day (src/coaching) */
  coaching,
  /** the built server's resident memory at idle (src/idle) */
  idle,
  /** a 5,000-activity Strava export imported by the command line and the upload route (src/import) */
  import: importBench,
};

const [command, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
const benchmark = command === undefined ? undefined : BENCHMARKS[command];

if (benchmark) {
  await benchmark(rest);
} else if (command === undefined) {
  const vitest = spawn('vitest', ['bench', '--run', '--outputJson', 'results/bench.json'], {
    stdio: 'inherit',
  });
  vitest.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
} else {
  console.error(
    `unknown benchmark: ${command} (try: pnpm bench, or pnpm bench <${Object.keys(BENCHMARKS).join('|')}> --help)`,
  );
  process.exitCode = 2;
}
