// The printed table and bench/results/<name>.json, with the machine, the versions and the date.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind, StreamsOptions } from './args';
import type { LeakResult } from './leak';
import type { SizeResult, Spread } from './rounds';
import { OPENING_MS, type OverheadSummary } from './stats';

export interface ConfigResult {
  /** e.g. "pglite, one athlete" */
  label: string;
  database: string;
  athletes: number;
  historyDays: number;
  seedSeconds: number;
  idleRssBytes: { relay: number; server: number };
  sizes: SizeResult[];
  overhead: OverheadSummary | null;
}

const ROOT = new URL('../../../', import.meta.url);

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return Math.abs(ms) < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function times(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '-';
}

/** A ratio over rounds: its median, then its lowest–highest when there were several rounds. */
export function timesOverRounds(ratio: Spread, rounds: number): string {
  if (rounds === 1) return times(ratio.median);
  const range = Number.isFinite(ratio.lowest)
    ? ` (${ratio.lowest.toFixed(2)}–${ratio.highest.toFixed(2)})`
    : '';
  return `${times(ratio.median)}${range}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export function formatResults(configs: ConfigResult[]): string {
  const header = [
    'run',
    'streams',
    'side',
    'first token p50',
    'p99',
    'lateness p99',
    'from send p99',
    'tokens/s',
    'errors',
    'CPU (cores)',
    'RSS idle→peak MiB',
    'KiB/stream',
    'fake/client CPU',
    'lateness ×relay',
    'from send ×relay',
    'first token ×relay',
    'tokens/s ×relay',
    'CPU per token ×relay',
  ];
  const rows: string[][] = [];
  const out: string[] = [];
  const rounds = Math.max(...configs.flatMap((c) => c.sizes.map((size) => size.rounds.length)));
  if (rounds > 1) {
    out.push(
      `Each figure is the median over ${rounds} rounds (the relay first, then the server first, in ` +
        'turn), errors their total; ×relay is the median of the per-round ratios (lowest–highest).',
    );
  }
  for (const config of configs) {
    for (const size of config.sizes) {
      for (const side of ['relay', 'server'] as const) {
        const s = size[side];
        const idle = config.idleRssBytes[side];
        const perStream = (s.rssPeakBytes - idle) / 1024 / size.streams;
        const ratio = (spread: Spread) =>
          side === 'server' ? timesOverRounds(spread, size.rounds.length) : '';
        rows.push([
          config.label,
          String(size.streams),
          side,
          duration(s.firstTokenP50Ms),
          duration(s.firstTokenP99Ms),
          duration(s.latenessP99Ms),
          duration(s.fromSendP99Ms),
          s.tokensPerSecond.toFixed(0),
          String(s.errors),
          s.cpuCores.toFixed(2),
          `${mib(idle)}→${mib(s.rssPeakBytes)}`,
          perStream.toFixed(0),
          `${s.fakeCpuCores.toFixed(2)}/${s.clientCpuCores.toFixed(2)}`,
          ratio(size.ratios.latenessP99),
          ratio(size.ratios.fromSendP99),
          ratio(size.ratios.firstTokenP50),
          ratio(size.ratios.tokensPerSecond),
          ratio(size.ratios.cpuPerToken),
        ]);
      }
    }
  }
  out.push(table(header, rows));
  out.push(
    '',
    `Lateness p99 by when the token fell due: in the first ${OPENING_MS} ms after the first question`,
    '(while the other streams are being started) or after (medians over the rounds).',
    table(
      ['run', 'streams', 'relay: first', 'relay: after', 'server: first', 'server: after'],
      configs.flatMap((config) =>
        config.sizes.map((size) => [
          config.label,
          String(size.streams),
          duration(size.relay.latenessP99OpeningMs),
          duration(size.relay.latenessP99AfterOpeningMs),
          duration(size.server.latenessP99OpeningMs),
          duration(size.server.latenessP99AfterOpeningMs),
        ]),
      ),
    ),
  );
  for (const config of configs) {
    for (const size of config.sizes) {
      size.rounds.forEach((round, index) => {
        const which = size.rounds.length > 1 ? `, round ${index + 1}` : '';
        for (const side of ['relay', 'server'] as const) {
          for (const sample of round[side].errorSamples) {
            out.push(`  ${config.label}, ${size.streams} streams${which}, ${side}: ${sample}`);
          }
        }
      });
    }
  }
  const overheads = configs.filter((c) => c.overhead !== null);
  if (overheads.length > 0) {
    out.push(
      '',
      'Server overhead to first token (one warm stream at a time, fake at zero delay): overhead =',
      'server percentile − relay percentile; paired = percentile of (server − relay) per round.',
    );
    out.push(
      table(
        [
          'run',
          'sends',
          'errors',
          'relay p50',
          'relay p99',
          'server p50',
          'server p99',
          'overhead p50',
          'overhead p99',
          'paired p50',
          'paired p99',
        ],
        overheads.map(({ label, overhead: o }) => {
          const ms = (v: number) => `${v.toFixed(1)} ms`;
          if (!o) return [label];
          return [
            label,
            String(o.sends),
            String(o.errors),
            ms(o.relayP50Ms),
            ms(o.relayP99Ms),
            ms(o.serverP50Ms),
            ms(o.serverP99Ms),
            ms(o.overheadP50Ms),
            ms(o.overheadP99Ms),
            ms(o.pairedP50Ms),
            ms(o.pairedP99Ms),
          ];
        }),
      ),
    );
  }
  return out.join('\n');
}

/** What the streams path runs on. */
const STREAMS_PACKAGES = [
  '@anthropic-ai/sdk',
  '@electric-sql/pglite',
  '@prisma/client',
  '@trpc/client',
  '@trpc/server',
  'pg',
  'pglite-prisma-adapter',
  'tsx',
  'ws',
];

/** The pinned versions of these packages, from the workspace catalog. */
export function catalogVersions(wanted: readonly string[]): Record<string, string> {
  const yaml = readFileSync(new URL('pnpm-workspace.yaml', ROOT), 'utf8');
  const versions: Record<string, string> = {};
  for (const match of yaml.matchAll(/^ {2}"?([@\w./-]+)"?: (\S+)$/gm)) {
    const [, name, version] = match;
    if (name && version && wanted.includes(name)) versions[name] = version;
  }
  return versions;
}

export function gitCommit(): string | null {
  try {
    const root = fileURLToPath(ROOT);
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    });
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
    return `${commit.trim()}${dirty.trim() ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return null;
  }
}

export function machine(): {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  loadAverage: number[];
} {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    loadAverage: loadavg(),
  };
}

/** Writes bench/results/<name>.json and returns its path. */
export function writeResults(
  options: StreamsOptions,
  results: { configs: ConfigResult[] } | { leak: { database: DatabaseKind; result: LeakResult }[] },
  load: { before: number[]; after: number[] },
  startedAt: Date,
): string {
  const directory = new URL('bench/results/', ROOT);
  mkdirSync(directory, { recursive: true });
  const file = new URL(`${options.name}.json`, directory);
  const { loadAverage: _, ...host } = machine();
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: startedAt.toISOString(),
        seconds: (Date.now() - startedAt.getTime()) / 1000,
        machine: { ...host, loadAverageBefore: load.before, loadAverageAfter: load.after },
        versions: {
          node: process.version,
          commit: gitCommit(),
          ...catalogVersions(STREAMS_PACKAGES),
        },
        options,
        ...results,
      },
      null,
      2,
    )}\n`,
  );
  return fileURLToPath(file);
}
