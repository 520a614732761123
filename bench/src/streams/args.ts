// The streams benchmark's command line: flags, defaults, and the smoke preset.

export type DatabaseKind = 'pglite' | 'postgres';
export type AthleteMode = 'one' | 'many';

export interface StreamsOptions {
  /** results go to bench/results/<name>.json */
  name: string;
  /** concurrent streams per run, each size run against the relay and the server */
  sizes: number[];
  /** rounds per size, each a run of the relay and one of the server, which goes first alternating */
  rounds: number;
  /** every combination of these is one server (one database, seeded once) */
  databases: DatabaseKind[];
  athletes: AthleteMode[];
  /** tokens per answer, and the fake model's rate (tokens per second, absolute schedule) */
  tokens: number;
  rate: number;
  /** the single-stream overhead figure: measured sends per side (0 skips it), after warm-up ones */
  overheadSends: number;
  overheadWarmup: number;
  /** days of training history per seeded athlete */
  historyDays: number;
  /** a run gives up on streams still open after this long (default: from size and schedule) */
  timeoutSeconds: number | null;
  smoke: boolean;
  /** when set, the server runs with --cpu-prof and writes its profile(s) into this directory */
  cpuProfDir: string | null;
  /** run the server's production build (apps/server/dist/main.mjs) as `pnpm start` does, not its sources */
  built: boolean;
  /** node flags for the server process only (not the client or the relay), e.g. a heap setting */
  serverNodeArgs: string[];
  /** when > 0, the leak scenario (this many streams against one server) instead of the sizes */
  leakStreams: number;
  /** with the leak scenario: streams held mid-answer, growing to each of these sizes (ascending) */
  holdSizes: number[];
  /** with the leak scenario: the server's heap snapshot with its streams held mid-answer, to this file */
  heapSnapshot: string | null;
}

export const USAGE = `usage: pnpm bench streams [flags]   (or: pnpm --filter @coach/bench streams [flags])

  --streams 100,500,1000   concurrent streams per run (default 100,500,1000)
  --rounds 1               rounds per size, each a relay run and a server run, alternating which
                           goes first (relay then server, server then relay, …); the table gives
                           each figure's median over the rounds and the median of the per-round
                           ratios with their range; the JSON keeps every round
  --athletes one|many      all streams for one athlete, or one athlete per stream; a list runs both
  --db pglite|postgres     embedded database in a temporary DATA_DIR, or a new database on
                           postgres://postgres@127.0.0.1:5432 (DATABASE_URL_TEST overrides); a list runs both
  --tokens 200             tokens per answer
  --rate 50                tokens per second per answer (token i due i/rate s after the stream starts)
  --overhead-sends 200     one warm stream at a time, fake at zero delay (0 skips); --overhead-warmup 20
  --history-days N         training history per athlete (default 182 for one athlete, 56 for many)
  --timeout S              give up on a run's streams after S seconds (default: schedule + 30 s + 0.1 s per stream)
  --name NAME              bench/results/NAME.json (default streams, or streams-smoke)
  --built                  run the server's production build (apps/server/dist/main.mjs; build it
                           first) as \`pnpm start\` runs it, with its node flags and environment
                           (apps/server/scripts/production-runtime.mjs), rather than its TypeScript sources
  --server-node-args "…"   node flags for the server process only, space-separated, after the
                           production ones with --built (so they override them), e.g.
                           "--max-semi-space-size=1" (the client and the relay keep node's defaults)
  --cpu-prof DIR           the server writes a V8 CPU profile (.cpuprofile) into DIR when it stops
  --leak N                 instead of the sizes: N streams against one server process (a tenth
                           stopped, a tenth cut mid-answer); its heap after GC, active handles and
                           listeners must come back to their warm baseline (server run with
                           --expose-gc and --inspect on loopback, for the benchmark only)
  --hold 200,1000          with --leak: after the baseline, streams held mid-answer, growing to each
                           size in turn; per stream over the baseline and at the margin between sizes
                           (which leaves out fixed costs), after a full GC once RSS has settled
  --heap-snapshot FILE     with --leak: write the server's heap snapshot, taken while the first --hold
                           size is held mid-answer, to FILE (open it in Chrome's DevTools, Memory tab)
  --smoke                  a few seconds: 10 streams, 20 tokens, 28 days of history, 20 overhead sends

Lateness: token i of a stream is due at the fake i/rate s after that stream's answer began there;
"lateness" is its arrival at the client minus that due time (the relay path's delay), "from send"
the arrival minus (the client's send + i/rate), which adds the server's time before it calls the model.`;

const DEFAULTS: StreamsOptions = {
  name: 'streams',
  sizes: [100, 500, 1000],
  rounds: 1,
  databases: ['pglite'],
  athletes: ['one'],
  tokens: 200,
  rate: 50,
  overheadSends: 200,
  overheadWarmup: 20,
  historyDays: 0, // 0: chosen by athlete mode
  timeoutSeconds: null,
  smoke: false,
  cpuProfDir: null,
  built: false,
  serverNodeArgs: [],
  leakStreams: 0,
  holdSizes: [200, 1000],
  heapSnapshot: null,
};

const SMOKE: Partial<StreamsOptions> = {
  name: 'streams-smoke',
  sizes: [10],
  tokens: 20,
  historyDays: 28,
  overheadSends: 20,
  overheadWarmup: 5,
};

export class UsageError extends Error {}

/**
 * `parse(argv)`, or null once the command has answered for itself: `--help` (or `-h`) prints
 * `usage`; a UsageError prints its message and `usage`, with exit code 2.
 */
export function parsedOrExplained<Options>(
  parse: (argv: readonly string[]) => Options,
  argv: readonly string[],
  usage: string,
): Options | null {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return null;
  }
  try {
    return parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return null;
  }
}

function positiveInt(flag: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag}: expected an integer ≥ ${min}`);
  return n;
}

function list<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new UsageError(`${flag}: expected ${allowed.join(' or ')} (or a comma list)`);
    }
  }
  return [...new Set(items)] as T[];
}

/** Parses `--flag value` and `--flag=value`; throws UsageError with a message for the user. */
export function parseArgs(argv: readonly string[]): StreamsOptions {
  const given: Partial<StreamsOptions> = {};
  let smoke = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    if (arg === '--smoke') {
      smoke = true;
      continue;
    }
    if (arg === '--built') {
      given.built = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument: ${arg}`);
    const flag = `--${match[1]}`;
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag}: missing value`);
    switch (flag) {
      case '--streams':
        given.sizes = value.split(',').map((size) => positiveInt(flag, size));
        break;
      case '--rounds':
        given.rounds = positiveInt(flag, value);
        break;
      case '--athletes':
        given.athletes = list(flag, value, ['one', 'many'] as const);
        break;
      case '--db':
        given.databases = list(flag, value, ['pglite', 'postgres'] as const);
        break;
      case '--tokens':
        given.tokens = positiveInt(flag, value);
        break;
      case '--rate':
        given.rate = positiveInt(flag, value);
        break;
      case '--overhead-sends':
        given.overheadSends = positiveInt(flag, value, 0);
        break;
      case '--overhead-warmup':
        given.overheadWarmup = positiveInt(flag, value, 0);
        break;
      case '--history-days':
        given.historyDays = positiveInt(flag, value);
        break;
      case '--timeout':
        given.timeoutSeconds = positiveInt(flag, value);
        break;
      case '--name':
        if (!/^[\w.-]+$/.test(value)) throw new UsageError(`${flag}: letters, digits, . _ - only`);
        given.name = value;
        break;
      case '--leak':
        given.leakStreams = positiveInt(flag, value);
        break;
      case '--hold':
        given.holdSizes = value.split(',').map((size) => positiveInt(flag, size));
        if (given.holdSizes.some((size, i) => i > 0 && size <= (given.holdSizes?.[i - 1] ?? 0))) {
          throw new UsageError(`${flag}: sizes in ascending order`);
        }
        break;
      case '--cpu-prof':
        given.cpuProfDir = value;
        break;
      case '--server-node-args':
        given.serverNodeArgs = value.split(' ').filter((flag) => flag !== '');
        if (!given.serverNodeArgs.every((flag) => flag.startsWith('--'))) {
          throw new UsageError(`${flag}: node flags, each starting with --`);
        }
        break;
      case '--heap-snapshot':
        given.heapSnapshot = value;
        break;
      default:
        throw new UsageError(`unknown flag: ${flag}`);
    }
  }
  const options = { ...DEFAULTS, ...(smoke ? SMOKE : {}), ...given, smoke };
  if (options.heapSnapshot !== null && options.leakStreams === 0) {
    throw new UsageError('--heap-snapshot: only with --leak');
  }
  if (given.holdSizes !== undefined && options.leakStreams === 0) {
    throw new UsageError('--hold: only with --leak');
  }
  return options;
}

/** History per athlete: six months for one athlete; shorter for many, so seeding stays quick. */
export function historyDaysFor(options: StreamsOptions, mode: AthleteMode): number {
  if (options.historyDays > 0) return options.historyDays;
  return mode === 'one' ? 182 : 56;
}

/** How long a run of `streams` waits for its answers before counting the rest as errors. */
export function runTimeoutMs(options: StreamsOptions, streams: number): number {
  if (options.timeoutSeconds !== null) return options.timeoutSeconds * 1000;
  const schedule = ((options.tokens - 1) / options.rate) * 1000;
  return schedule + 30_000 + 100 * streams;
}
