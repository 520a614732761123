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
  const paired: number[] = [];
  let errors = 0;
  try {
    for (let round = 0; round < options.warmup + options.sends; round++) {
      const order: (0 | 1)[] = round % 2 === 0 ? [0, 1] : [1, 0];
      const thisRound: (number | null)[] = [null, null];
      for (const side of order) {
        const socket = sides[side];
        const outcome = await streamOnce(socket, options.tokens, SEND_TIMEOUT_MS);
        if (round < options.warmup) continue;
        if (outcome.error !== null || outcome.firstTokenAt === null) errors += 1;
        else {
          const ms = outcome.firstTokenAt - outcome.sentAt;
          times[side].push(ms);
          thisRound[side] = ms;
        }
      }
      const [relayMs, serverMs] = thisRound;
      if (relayMs != null && serverMs != null) paired.push(serverMs - relayMs);
    }
  } finally {
    for (const socket of sides) socket.close();
  }
  return summarizeOverhead(times[0], times[1], paired, errors);
}
