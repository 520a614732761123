// From a run's raw timings to the figures of the table.
import type { ConcurrentRun } from './client-load';
import type { ProcUsage } from './proc-stats';

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN when there are none. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** How long after a run's first question its tokens count as due while the streams start. */
export const OPENING_MS = 500;

export interface RunSummary {
  streams: number;
  /** streams that did not get the whole answer and `done` (or never opened), and a few reasons */
  errors: number;
  errorSamples: string[];
  firstTokenP50Ms: number;
  firstTokenP99Ms: number;
  /** token arrival minus its due time at the fake, over every token of every stream */
  latenessP50Ms: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
  /**
   * The p99 lateness split by when the token fell due: within OPENING_MS of the first question
   * (while the other streams are still being started) or after: a start-up burst and a steady
   * per-token cost call for different remedies.
   */
  latenessP99OpeningMs: number;
  latenessP99AfterOpeningMs: number;
  /** token arrival minus (send + i × interval): the lateness the athlete sees, server time included */
  fromSendP99Ms: number;
  tokens: number;
  tokensPerSecond: number;
  durationSeconds: number;
  /** the side under test: the relay's or the server's process */
  process: ProcUsage;
  /**
   * CPU share (cores) of the benchmark's own processes meanwhile: they run on the same machine,
   * and a saturated fake or client would make every figure its own.
   */
  harness: { fakeCpuCores: number; clientCpuCores: number };
}

/**
 * `starts`: each stream's schedule origin at the fake (epoch ms); token i was due at
 * start + i × intervalMs.
 */
export function summarize(
  run: ConcurrentRun,
  starts: ReadonlyMap<string, number>,
  intervalMs: number,
  process: ProcUsage,
  harness: RunSummary['harness'],
): RunSummary {
  const firstTokens: number[] = [];
  const lateness: number[] = [];
  const opening: number[] = [];
  const afterOpening: number[] = [];
  const openingEnds = Math.min(...run.outcomes.map((o) => o.sentAtEpoch)) + OPENING_MS;
  const fromSend: number[] = [];
  const reasons: string[] = [...run.openErrors.map((e) => `open: ${e}`)];
  let tokens = 0;
  for (const outcome of run.outcomes) {
    if (outcome.firstTokenAt !== null) firstTokens.push(outcome.firstTokenAt - outcome.sentAt);
    tokens += outcome.arrivals.length;
    outcome.arrivals.forEach((arrival, i) => {
      fromSend.push(arrival - (outcome.sentAtEpoch + i * intervalMs));
    });
    const start = starts.get(outcome.id);
    if (start !== undefined) {
      outcome.arrivals.forEach((arrival, i) => {
        const due = start + i * intervalMs;
        lateness.push(arrival - due);
        (due < openingEnds ? opening : afterOpening).push(arrival - due);
      });
    }
    if (outcome.error !== null) reasons.push(outcome.error);
    else if (start === undefined) reasons.push('the model never saw this stream');
  }
  const durationSeconds = (run.endedAt - run.startedAt) / 1000;
  const distinct = [...new Set(reasons)];
  return {
    streams: run.outcomes.length + run.openErrors.length,
    errors: reasons.length,
    errorSamples: distinct
      .slice(0, 5)
      .map((reason) => `${reasons.filter((r) => r === reason).length}× ${reason}`),
    firstTokenP50Ms: percentile(firstTokens, 50),
    firstTokenP99Ms: percentile(firstTokens, 99),
    latenessP50Ms: percentile(lateness, 50),
    latenessP99Ms: percentile(lateness, 99),
    latenessMaxMs: percentile(lateness, 100),
    latenessP99OpeningMs: percentile(opening, 99),
    latenessP99AfterOpeningMs: percentile(afterOpening, 99),
    fromSendP99Ms: percentile(fromSend, 99),
    tokens,
    tokensPerSecond: durationSeconds > 0 ? tokens / durationSeconds : 0,
    durationSeconds,
    process,
    harness,
  };
}

export interface OverheadSummary {
  sends: number;
  errors: number;
  relayP50Ms: number;
  relayP99Ms: number;
  serverP50Ms: number;
  serverP99Ms: number;
  /** the server's percentile minus the relay's */
  overheadP50Ms: number;
  overheadP99Ms: number;
  /** percentiles of (server − relay) within each round, the two sends made back to back */
  pairedP50Ms: number;
  pairedP99Ms: number;
}

/** Send-to-first-token times of one warm stream at a time, each side. */
export function summarizeOverhead(
  relayMs: number[],
  serverMs: number[],
  pairedMs: number[],
  errors: number,
): OverheadSummary {
  const relayP50Ms = percentile(relayMs, 50);
  const relayP99Ms = percentile(relayMs, 99);
  const serverP50Ms = percentile(serverMs, 50);
  const serverP99Ms = percentile(serverMs, 99);
  return {
    sends: Math.min(relayMs.length, serverMs.length),
    errors,
    relayP50Ms,
    relayP99Ms,
    serverP50Ms,
    serverP99Ms,
    overheadP50Ms: serverP50Ms - relayP50Ms,
    overheadP99Ms: serverP99Ms - relayP99Ms,
    pairedP50Ms: percentile(pairedMs, 50),
    pairedP99Ms: percentile(pairedMs, 99),
  };
}
