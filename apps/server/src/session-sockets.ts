import type { WebSocket } from 'ws';

/** WebSocket close code for a session that was signed out (RFC 6455: policy violation). */
const SIGNED_OUT_CLOSE_CODE = 1008;

interface OpenSession {
  sockets: Set<WebSocket>;
  /** aborted on sign-out: stops the answers its sockets started */
  ended: AbortController;
}

/**
 * The open WebSockets of each session on this instance, by session id (`sessionId` of @coach/auth,
 * which a sign-out on another instance announces), so that signing out closes them.
 */
export class SessionSockets {
  private readonly sessions = new Map<string, OpenSession>();

  /** Registers a signed-in socket; the signal aborts when its session is signed out. */
  add(sessionId: string, socket: WebSocket): AbortSignal {
    const session = this.sessions.get(sessionId) ?? {
      sockets: new Set(),
      ended: new AbortController(),
    };
    session.sockets.add(socket);
    this.sessions.set(sessionId, session);
    socket.once('close', () => {
      session.sockets.delete(socket);
      if (session.sockets.size === 0 && this.sessions.get(sessionId) === session) {
        this.sessions.delete(sessionId);
      }
    });
    return session.ended.signal;
  }

  /** The session was signed out (here or on another instance): stop its answers, close its sockets. */
  ended(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    session.ended.abort();
    for (const socket of session.sockets) socket.close(SIGNED_OUT_CLOSE_CODE, 'signed out');
  }
}
