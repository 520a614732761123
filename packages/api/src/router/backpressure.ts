import type { RequestContext } from '../request-context';

/** Above this many bytes queued on a socket, the stream waits for the client to catch up. */
export const HIGH_WATER_BYTES = 64 * 1024;
/** A client that reads nothing for this long is cut off rather than buffered without bound. */
const STALLED_CLIENT_MS = 15_000;

class SlowClientError extends Error {
  constructor() {
    super('The connection is too slow to keep up with the answer.');
    this.name = 'SlowClientError';
  }
}

/** The socket's send buffer is over the high-water mark: the stream should wait for it to drain. */
export function backedUp(ctx: Pick<RequestContext, 'socket'>): boolean {
  return ctx.socket !== null && ctx.socket.bufferedAmount > HIGH_WATER_BYTES;
}

/** tRPC has no backpressure: wait while the socket's send buffer is full, give up on a stalled client. */
export async function waitForDrain(
  ctx: Pick<RequestContext, 'socket'>,
  signal?: AbortSignal,
): Promise<void> {
  const socket = ctx.socket;
  if (!socket || !backedUp(ctx)) return;
  const deadline = Date.now() + STALLED_CLIENT_MS;
  while (socket.bufferedAmount > HIGH_WATER_BYTES) {
    if (signal?.aborted) return;
    if (Date.now() > deadline) throw new SlowClientError();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
