// `pnpm bench`: the vitest benchmarks (results/bench.json). `pnpm bench streams [flags]`: the
// streams benchmark (src/streams, `--help` for its flags). `pnpm bench cost`: cost per chat message
// (src/cost, results/cost.json). `pnpm bench import [flags]`: a 5,000-activity Strava export imported
// (src/import, results/import-*.json). The root script passes its arguments through turbo to this one.
import { spawn } from 'node:child_process';
import { main as cost } from './cost/cli';
import { main as importBench } from './import/cli';
import { main as streams } from './streams/cli';

const [command, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');

if (command === 'streams') {
  await streams(rest);
} else if (command === 'cost') {
  await cost(rest);
} else if (command === 'import') {
  await importBench(rest);
} else if (command === undefined) {
  const vitest = spawn('vitest', ['bench', '--run', '--outputJson', 'results/bench.json'], {
    stdio: 'inherit',
  });
  vitest.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
} else {
  console.error(
    `unknown benchmark: ${command} (try: pnpm bench, pnpm bench cost, pnpm bench import --help, or pnpm bench streams --help)`,
  );
  process.exitCode = 2;
}
