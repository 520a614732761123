import type { SessionConnections } from '@coach/api';
import type { WebSocket } from 'ws';

/** WebSocket close code for a session that was signed out (RFC 6455: policy violation). */
export const SIGNED_OUT_CLOSE_CODE = 1008;

/** The open WebSockets of each session on this instance, so that signing out closes them. */
export class SessionSockets implements SessionConnections {
  private readonly sockets = new Map<string, Set<WebSocket>>();

  add(sessionToken: string, socket: WebSocket): void {
    const open = this.sockets.get(sessionToken) ?? new Set();
    open.add(socket);
    this.sockets.set(sessionToken, open);
    socket.once('close', () => {
      open.delete(socket);
      if (open.size === 0 && this.sockets.get(sessionToken) === open)
        this.sockets.delete(sessionToken);
    });
  }

  ended(sessionToken: string): void {
    for (const socket of this.sockets.get(sessionToken) ?? []) {
      socket.close(SIGNED_OUT_CLOSE_CODE, 'signed out');
    }
    this.sockets.delete(sessionToken);
  }
}
