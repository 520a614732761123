// The server's overhead to first token: one warm stream at a time on one open socket per side,
// the fake answering at once, the relay and the server taking turns (which goes first alternates),
// so that both see the same machine. Overhead = the server's percentile minus the relay's.
import { streamOnce } from './client-load';
import { type OverheadSummary, summarizeOverhead } from './stats';
import type { Connect } from './transports';

const SEND_TIMEOUT_MS = 10_000;

export async function measureOverhead(
  relay: Connect,
  server: Connect,
  options: { sends: number; warmup: number; tokens: number },
): Promise<OverheadSummary> {
  const sides = [await relay(0), await server(0)] as const;
  const times: [number[], number[]] = [[], []];
  let errors = 0;
  try {
    for (let round = 0; round < options.warmup + options.sends; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const side of order) {
        const socket = sides[side as 0 | 1];
        const outcome = await streamOnce(socket, options.tokens, SEND_TIMEOUT_MS);
        if (round < options.warmup) continue;
        if (outcome.error !== null || outcome.firstTokenAt === null) errors += 1;
        else times[side as 0 | 1].push(outcome.firstTokenAt - outcome.sentAt);
      }
    }
  } finally {
    for (const socket of sides) socket.close();
  }
  return summarizeOverhead(times[0], times[1], errors);
}
