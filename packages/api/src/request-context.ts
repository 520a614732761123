import type { ChatService } from '@coach/chat';
import type { CoachingDays } from '@coach/coaching-runs';
import type { Config, Logger } from '@coach/config';
import type { ContextManager } from '@coach/context';
import type { PrismaClient } from '@coach/db';
import type { RateLimiter } from '@coach/rate-limiter';
import type { VerifiedSession } from './verified-session';

/** What the server does about a session's open connections. */
interface SessionConnections {
  /** the session was signed out: end its open WebSockets, on every instance */
  ended(sessionToken: string): void;
}

/** Tells the other server instances that an athlete's data changed (alone: there are none). */
interface AthleteChanges {
  announce(userId: number): Promise<void>;
}

/** The long-lived parts every request uses, made once by the server. */
export interface ApiDependencies {
  prisma: PrismaClient;
  chat: ChatService;
  limiter: RateLimiter;
  contexts: ContextManager;
  athleteChanges: AthleteChanges;
  /** runs the coaching engines: once per athlete's local day, and after changes */
  coaching: CoachingDays;
  logger: Logger;
  /** least time between two changes of an athlete's time zone */
  timezoneChangeIntervalMs: number;
  sessions: SessionConnections;
  /** the activity upload's limits, which the page checks before it sends a file */
  uploadLimits: Config['upload'];
}

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  timezone: string;
}

/** What a procedure knows about the request; resolving it never throws (tRPC's WebSocket trap). */
export interface RequestContext {
  deps: ApiDependencies;
  user: SessionUser | null;
  sessionToken: string | null;
  /** the database could not say whose session this is: neither signed in nor signed out */
  sessionLookupFailed: boolean;
  /** adds a Set-Cookie header; null on a WebSocket, which has no response to set it on */
  setCookie: ((cookie: string) => void) | null;
  /** cookies set on this request carry Secure (it came over HTTPS, or the settings say always) */
  secureCookies: boolean;
  ip: string;
  /** the WebSocket a subscription streams over, for backpressure; null over HTTP */
  socket: { readonly bufferedAmount: number } | null;
  /** on a WebSocket: aborts when its session is signed out, to stop the answers it started */
  sessionEnded: AbortSignal | null;
  /**
   * on a WebSocket, when every instance's sign-outs reach it: until when its session stands without
   * asking the database; null: each operation asks
   */
  verifiedSession: VerifiedSession | null;
}
