// `pnpm bench streams`: the chat stream path under load against a bare relay of the same fake
// model, in one run. Processes: this one (the client), the fake model, the relay, the server.
// Every run is bounded (a timeout per run, a watchdog on the whole) and everything it starts is
// stopped at the end, or killed if this process dies first.
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type AthleteMode,
  type DatabaseKind,
  historyDaysFor,
  parseArgs,
  parsedOrExplained,
  runTimeoutMs,
  type StreamsOptions,
  USAGE,
} from './args';
import { type Child, killChildren, startChild } from './children';
import { runConcurrent } from './client-load';
import { prepareDatabase } from './database';
import { type FakeModel, startFakeModel } from './fake';
import { connectInspector, inspectorUrlIn } from './inspector';
import { formatLeak, HOLD_TOKENS, type LeakResult, runLeak } from './leak';
import { measureOverhead } from './overhead';
import { type ProcUsage, readProc, sampleProc } from './proc-stats';
import { type ConfigResult, formatResults, writeResults } from './report';
import {
  type Round,
  roundOf,
  type SideName,
  type SizeResult,
  sideOrder,
  sizeResult,
} from './rounds';
import { serverEnv, startServer } from './server-process';
import { OPENING_MS, type RunSummary, summarize } from './stats';
import { type Connect, relayConnector, serverConnector } from './transports';

const WARMUP_STREAMS = 50;
const SETTLE_MS = 1_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function log(message: string): void {
  console.error(`[streams] ${message}`);
}

interface Side {
  name: SideName;
  connect: Connect;
  pid: number;
}

/** One size on one side: every stream at once on the fake's absolute schedule. */
async function runSize(
  fake: FakeModel,
  side: Side,
  streams: number,
  options: StreamsOptions,
  round: number,
): Promise<RunSummary> {
  const intervalMs = 1000 / options.rate;
  await fake.configure(options.tokens, intervalMs);
  await fake.collect(); // forget earlier requests
  const samplers = [sampleProc(side.pid), sampleProc(fake.pid), sampleProc(process.pid)] as const;
  const run = await runConcurrent(
    side.connect,
    streams,
    options.tokens,
    runTimeoutMs(options, streams),
  );
  const [usage, fakeUsage, clientUsage] = samplers.map((sampler) => sampler.stop()) as [
    ProcUsage,
    ProcUsage,
    ProcUsage,
  ];
  const { starts } = await fake.collect();
  const summary = summarize(run, starts, intervalMs, usage, {
    fakeCpuCores: fakeUsage.cpuCores,
    clientCpuCores: clientUsage.cpuCores,
  });
  const which = options.rounds > 1 ? ` (round ${round + 1} of ${options.rounds})` : '';
  log(
    `${side.name}, ${streams} streams${which}: lateness p99 ${summary.latenessP99Ms.toFixed(0)} ms ` +
      `(due in the first ${OPENING_MS} ms: ${summary.latenessP99OpeningMs.toFixed(0)}, after: ` +
      `${summary.latenessP99AfterOpeningMs.toFixed(0)}), ` +
      `first token p50 ${summary.firstTokenP50Ms.toFixed(0)} ms, ${summary.errors} errors`,
  );
  await pause(SETTLE_MS);
  return summary;
}

/** A few streams on each side at zero delay, so the figures are not the first calls' (JIT, caches). */
async function warmUp(fake: FakeModel, sides: Side[], tokens: number): Promise<void> {
  await fake.configure(tokens, 0);
  for (const side of sides) await runConcurrent(side.connect, WARMUP_STREAMS, tokens, 30_000);
  await fake.collect();
  await pause(SETTLE_MS);
}

async function runConfig(
  fake: FakeModel,
  relay: Child,
  database: DatabaseKind,
  mode: AthleteMode,
  options: StreamsOptions,
): Promise<ConfigResult> {
  const athletes = mode === 'one' ? 1 : Math.max(...options.sizes);
  const historyDays = historyDaysFor(options, mode);
  const label = `${database}, ${mode === 'one' ? 'one athlete' : `${athletes} athletes`}`;
  log(`${label}: preparing the database (${athletes} athlete(s), ${historyDays} days each)`);
  const prepared = await prepareDatabase(database, athletes, historyDays);
  log(`${label}: seeded in ${prepared.seedSeconds.toFixed(1)} s; starting the server`);
  try {
    const server = await startServer(
      serverEnv(prepared, fake.url, options.tokens),
      serverNodeArgs(options),
      options.built,
    );
    try {
      const sides: Record<SideName, Side> = {
        relay: {
          name: 'relay',
          connect: relayConnector(String(relay.ready.url), options.tokens),
          pid: relay.pid,
        },
        server: {
          name: 'server',
          connect: serverConnector(server.url, prepared.cookies),
          pid: server.pid,
        },
      };
      await warmUp(fake, Object.values(sides), options.tokens);
      const idleRssBytes = {
        relay: readProc(relay.pid).rssBytes,
        server: readProc(server.pid).rssBytes,
      };
      const sizes: SizeResult[] = [];
      for (const streams of options.sizes) {
        const rounds: Round[] = [];
        for (let round = 0; round < options.rounds; round++) {
          const order = sideOrder(round);
          const runs: Partial<Record<SideName, RunSummary>> = {};
          for (const name of order) {
            runs[name] = await runSize(fake, sides[name], streams, options, round);
          }
          rounds.push(roundOf(order, runs.relay as RunSummary, runs.server as RunSummary));
        }
        sizes.push(sizeResult(streams, rounds));
      }
      let overhead = null;
      if (options.overheadSends > 0) {
        log(`${label}: overhead to first token, ${options.overheadSends} sends per side`);
        await fake.configure(Math.min(options.tokens, 20), 0);
        overhead = await measureOverhead(sides.relay.connect, sides.server.connect, {
          sends: options.overheadSends,
          warmup: options.overheadWarmup,
          tokens: Math.min(options.tokens, 20),
        });
        await fake.collect();
      }
      return {
        label,
        database,
        athletes,
        historyDays,
        seedSeconds: prepared.seedSeconds,
        idleRssBytes,
        sizes,
        overhead,
      };
    } finally {
      await server.stop();
      // What the server said (errors, warnings) stays readable after the run.
      const logFile = join(tmpdir(), `${options.name}-server.log`);
      writeFileSync(logFile, server.output());
      log(`${label}: server output in ${logFile}`);
    }
  } finally {
    await prepared.remove();
  }
}

/** The server's node flags from the command line: its own, then a CPU profile if asked. */
function serverNodeArgs(options: StreamsOptions): string[] {
  return [
    ...options.serverNodeArgs,
    ...(options.cpuProfDir === null
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProfDir)}`]),
  ];
}

/** The leak scenario on one database: one athlete, one server process with the inspector on loopback. */
async function runLeakConfig(
  fake: FakeModel,
  database: DatabaseKind,
  options: StreamsOptions,
): Promise<LeakResult> {
  const prepared = await prepareDatabase(database, 1, historyDaysFor(options, 'one'));
  try {
    const server = await startServer(
      // The held streams' answers must not be cut short at the leak streams' length.
      serverEnv(prepared, fake.url, Math.max(options.tokens, HOLD_TOKENS)),
      ['--expose-gc', '--inspect=127.0.0.1:0', ...serverNodeArgs(options)],
      options.built,
    );
    try {
      const url = inspectorUrlIn(server.output());
      if (url === null) throw new Error('the server printed no inspector URL');
      const inspector = await connectInspector(url);
      try {
        return await runLeak(
          server.url,
          prepared.cookies[0] ?? '',
          fake,
          inspector,
          options.leakStreams,
          options.holdSizes,
          { tokens: options.tokens, intervalMs: 1000 / options.rate },
          options.heapSnapshot === null ? null : resolve(options.heapSnapshot),
          (message) => log(`${database}, ${message}`),
        );
      } finally {
        inspector.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await prepared.remove();
  }
}

/** Nothing may run for ever: the sum of every run's timeout, plus set-up time, then exit. */
function watchdog(options: StreamsOptions): void {
  const configs = options.databases.length * options.athletes.length;
  const perConfig =
    options.sizes.reduce((sum, size) => sum + 2 * options.rounds * runTimeoutMs(options, size), 0) +
    (options.overheadWarmup + options.overheadSends) * 2 * 10_000 +
    options.leakStreams * 200 +
    10 * 60_000;
  setTimeout(() => {
    console.error('streams benchmark: over its time budget, stopping');
    process.exit(1);
  }, configs * perConfig).unref();
}

export async function main(argv: readonly string[]): Promise<void> {
  const options = parsedOrExplained(parseArgs, argv, USAGE);
  if (!options) return;
  process.once('SIGINT', () => process.exit(130)); // runs the exit hook that kills the children
  process.once('SIGTERM', () => process.exit(143));
  watchdog(options);

  const startedAt = new Date();
  const loadBefore = loadavg();
  const fake = await startFakeModel();
  const relay = await startChild('./relay.ts', {
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.url,
  });
  const configs: ConfigResult[] = [];
  const leaks: { database: DatabaseKind; result: LeakResult }[] = [];
  try {
    for (const database of options.databases) {
      if (options.leakStreams > 0) {
        leaks.push({ database, result: await runLeakConfig(fake, database, options) });
        continue;
      }
      for (const mode of options.athletes) {
        configs.push(await runConfig(fake, relay, database, mode, options));
      }
    }
  } finally {
    await relay.stop();
    await fake.stop();
    killChildren();
  }
  const loadAfter = loadavg();
  const fmt = (load: number[]) => load.map((l) => l.toFixed(2)).join(' ');
  console.log(
    `\nStreams: ${options.tokens} tokens per answer at ${options.rate} tokens/s (absolute schedule). ` +
      `Load average before ${fmt(loadBefore)}, after ${fmt(loadAfter)}.`,
  );
  const load = { before: loadBefore, after: loadAfter };
  let file: string;
  if (options.leakStreams > 0) {
    for (const { database, result } of leaks) console.log(`\n${database}: ${formatLeak(result)}`);
    file = writeResults(options, { leak: leaks }, load, startedAt);
    if (!leaks.every(({ result }) => result.passed)) process.exitCode = 1;
  } else {
    console.log(formatResults(configs));
    file = writeResults(options, { configs }, load, startedAt);
  }
  console.log(`\nwritten: ${file}`);
}
