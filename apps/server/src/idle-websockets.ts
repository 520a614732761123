import type { WebSocket } from 'ws';

/** tRPC's keep-alive messages ('PING', 'PONG'): a client that only answers them is still idle. */
function isKeepAlive(data: unknown): boolean {
  if (typeof data !== 'string' && !(Buffer.isBuffer(data) && data.length === 4)) return false;
  const text = data.toString();
  return text === 'PING' || text === 'PONG';
}

/**
 * Closes a WebSocket that has carried no message, in either direction, for `timeoutMs`. An answer
 * being streamed sends messages, so only sockets with nothing to do are closed; the page's client
 * opens a new one when it next needs it.
 */
export function closeWhenIdle(socket: WebSocket, timeoutMs: number): void {
  const timer = setTimeout(() => socket.close(1000, 'idle'), timeoutMs);
  timer.unref();
  // Re-armed in place: a streamed answer sends tens of messages a second per socket.
  const restart = () => timer.refresh();
  socket.on('message', (data, isBinary) => {
    if (isBinary || !isKeepAlive(data)) restart();
  });
  // ws has no event for outgoing messages: watch them where they leave.
  const send = socket.send.bind(socket) as (...args: unknown[]) => void;
  socket.send = ((data: unknown, ...rest: unknown[]) => {
    if (!isKeepAlive(data)) restart();
    send(data, ...rest);
  }) as WebSocket['send'];
  socket.once('close', () => clearTimeout(timer));
}
