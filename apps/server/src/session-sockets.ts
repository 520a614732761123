import type { SessionConnections } from '@coach/api';
import type { WebSocket } from 'ws';

/** WebSocket close code for a session that was signed out (RFC 6455: policy violation). */
const SIGNED_OUT_CLOSE_CODE = 1008;

interface OpenSession {
  sockets: Set<WebSocket>;
  /** aborted on sign-out: stops the answers its sockets started */
  ended: AbortController;
}

/** The open WebSockets of each session on this instance, so that signing out closes them. */
export class SessionSockets implements SessionConnections {
  private readonly sessions = new Map<string, OpenSession>();

  /** Registers a signed-in socket; the signal aborts when its session is signed out. */
  add(sessionToken: string, socket: WebSocket): AbortSignal {
    const session = this.sessions.get(sessionToken) ?? {
      sockets: new Set(),
      ended: new AbortController(),
    };
    session.sockets.add(socket);
    this.sessions.set(sessionToken, session);
    socket.once('close', () => {
      session.sockets.delete(socket);
      if (session.sockets.size === 0 && this.sessions.get(sessionToken) === session) {
        this.sessions.delete(sessionToken);
      }
    });
    return session.ended.signal;
  }

  ended(sessionToken: string): void {
    const session = this.sessions.get(sessionToken);
    if (!session) return;
    this.sessions.delete(sessionToken);
    session.ended.abort();
    for (const socket of session.sockets) socket.close(SIGNED_OUT_CLOSE_CODE, 'signed out');
  }
}
