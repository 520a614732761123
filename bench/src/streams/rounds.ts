// Several rounds of one size, relay and server each: which side runs first in a round, and what
// the table gives for the size (medians over the rounds, and the per-round ratios' median and range).
import type { RunSummary } from './stats';

export type SideName = 'relay' | 'server';

/**
 * The relay first in even rounds, the server first in odd ones, so that a drift in the machine's
 * state over a size's rounds (load, caches, the fake's heap) does not favour one side.
 */
export function sideOrder(round: number): [SideName, SideName] {
  return round % 2 === 0 ? ['relay', 'server'] : ['server', 'relay'];
}

/**
 * The middle value (the mean of the two middle ones for an even count), over the finite values
 * only: a run with no tokens at all has NaN percentiles, and its errors are counted apart.
 */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface Spread {
  median: number;
  lowest: number;
  highest: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  return {
    median: median(finite),
    lowest: finite.length === 0 ? Number.NaN : Math.min(...finite),
    highest: finite.length === 0 ? Number.NaN : Math.max(...finite),
  };
}

/** server ÷ relay, within one round */
interface Ratios {
  latenessP99: number;
  fromSendP99: number;
  firstTokenP50: number;
  tokensPerSecond: number;
  /**
   * CPU seconds per token delivered: the work each side does for a token, steadier from run to
   * run than a p99 that a single pause can set
   */
  cpuPerToken: number;
}

const cpuPerToken = (side: RunSummary) => side.process.cpuSeconds / side.tokens;

function ratiosOf(relay: RunSummary, server: RunSummary): Ratios {
  return {
    latenessP99: server.latenessP99Ms / relay.latenessP99Ms,
    fromSendP99: server.fromSendP99Ms / relay.fromSendP99Ms,
    firstTokenP50: server.firstTokenP50Ms / relay.firstTokenP50Ms,
    tokensPerSecond: server.tokensPerSecond / relay.tokensPerSecond,
    cpuPerToken: cpuPerToken(server) / cpuPerToken(relay),
  };
}

export interface Round {
  order: [SideName, SideName];
  relay: RunSummary;
  server: RunSummary;
  ratios: Ratios;
}

export function roundOf(order: [SideName, SideName], relay: RunSummary, server: RunSummary): Round {
  return { order, relay, server, ratios: ratiosOf(relay, server) };
}

/** One side's figures for a size: each the median over the rounds, except errors, summed. */
interface SideFigures {
  firstTokenP50Ms: number;
  firstTokenP99Ms: number;
  latenessP99Ms: number;
  latenessP99OpeningMs: number;
  latenessP99AfterOpeningMs: number;
  fromSendP99Ms: number;
  tokensPerSecond: number;
  errors: number;
  cpuCores: number;
  rssPeakBytes: number;
  fakeCpuCores: number;
  clientCpuCores: number;
}

function sideFigures(runs: readonly RunSummary[]): SideFigures {
  const of = (figure: (run: RunSummary) => number) => median(runs.map(figure));
  return {
    firstTokenP50Ms: of((run) => run.firstTokenP50Ms),
    firstTokenP99Ms: of((run) => run.firstTokenP99Ms),
    latenessP99Ms: of((run) => run.latenessP99Ms),
    latenessP99OpeningMs: of((run) => run.latenessP99OpeningMs),
    latenessP99AfterOpeningMs: of((run) => run.latenessP99AfterOpeningMs),
    fromSendP99Ms: of((run) => run.fromSendP99Ms),
    tokensPerSecond: of((run) => run.tokensPerSecond),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpuCores: of((run) => run.process.cpuCores),
    rssPeakBytes: of((run) => run.process.rssPeakBytes),
    fakeCpuCores: of((run) => run.harness.fakeCpuCores),
    clientCpuCores: of((run) => run.harness.clientCpuCores),
  };
}

export interface SizeResult {
  streams: number;
  /** every round's figures, in the order they ran */
  rounds: Round[];
  relay: SideFigures;
  server: SideFigures;
  /** the median of the per-round ratios, and their range */
  ratios: Record<keyof Ratios, Spread>;
}

export function sizeResult(streams: number, rounds: Round[]): SizeResult {
  const ratio = (key: keyof Ratios) => spreadOf(rounds.map((round) => round.ratios[key]));
  return {
    streams,
    rounds,
    relay: sideFigures(rounds.map((round) => round.relay)),
    server: sideFigures(rounds.map((round) => round.server)),
    ratios: {
      latenessP99: ratio('latenessP99'),
      fromSendP99: ratio('fromSendP99'),
      firstTokenP50: ratio('firstTokenP50'),
      tokensPerSecond: ratio('tokensPerSecond'),
      cpuPerToken: ratio('cpuPerToken'),
    },
  };
}
