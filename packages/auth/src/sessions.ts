// Server-side sessions. The cookie carries 32 random bytes (base64url); the database keeps only
// their SHA-256, so a leaked sessions table does not let anyone sign in.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@coach/db';
import { type AuthUser, toAuthUser } from './user';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A session lives 30 days and is renewed to 30 days when less than half of that is left. */
const SESSION_LIFETIME_MS = 30 * DAY_MS;
const SESSION_RENEW_BELOW_MS = SESSION_LIFETIME_MS / 2;

/** 32 bytes in base64url without padding: exactly 43 characters of [A-Za-z0-9_-]. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isSessionTokenFormat(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_PATTERN.test(token);
}

/** sessions.id: the SHA-256 of the token, in hex (it names a session without signing anyone in). */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  /** goes into the cookie, and nowhere else */
  token: string;
  expiresAt: Date;
}

export async function createSession(
  prisma: PrismaClient,
  userId: number,
  now: Date = new Date(),
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await prisma.session.create({
    data: { id: sessionId(token), userId, createdAt: now, expiresAt },
  });
  return { token, expiresAt };
}

/** A session joined with its user, as resolveSession reads it. */
interface SessionRow extends AuthUser {
  expiresAt: Date;
}

export interface ResolvedSession {
  user: AuthUser;
  /** the session's expiry after this call: later than before when it was renewed */
  expiresAt: Date;
  /** true when the expiry moved: send a fresh cookie with `expiresAt` */
  renewed: boolean;
}

/**
 * The signed-in user of a cookie token, or null for a missing, malformed, unknown or expired
 * token (an expired session is deleted). Renews the session when less than half its lifetime is
 * left. Bad input never throws (a WebSocket `createContext` must not throw); only a failing
 * database does, which the caller should treat as its own error.
 */
export async function resolveSession(
  prisma: PrismaClient,
  token: string | null | undefined,
  now: Date = new Date(),
): Promise<ResolvedSession | null> {
  if (!isSessionTokenFormat(token) || Number.isNaN(now.getTime())) return null;
  const id = sessionId(token);
  // Raw SQL: every WebSocket opens with this lookup, and a burst of them runs on the server's one
  // thread; a prepared statement skips Prisma's query compiler.
  const [row] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s.expires_at AS "expiresAt", u.id, u.email, u.display_name AS "displayName", u.timezone
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${id}::text`;
  if (!row) return null;
  const left = row.expiresAt.getTime() - now.getTime();
  if (left <= 0) {
    // Only if it is still expired: a concurrent renewal wins.
    await prisma.session.deleteMany({ where: { id, expiresAt: { lte: now } } });
    return null;
  }
  if (left >= SESSION_RENEW_BELOW_MS) {
    return { user: toAuthUser(row), expiresAt: row.expiresAt, renewed: false };
  }
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  // updateMany: a session deleted meanwhile (logout elsewhere) is not resurrected.
  const { count } = await prisma.session.updateMany({ where: { id }, data: { expiresAt } });
  if (count === 0) return null;
  return { user: toAuthUser(row), expiresAt, renewed: true };
}

/**
 * Until when a session resolved earlier stands (not signed out on any instance, not expired), or
 * null when it no longer does. One lookup by primary key, for a long-lived connection to check again.
 */
export async function sessionStandsUntil(
  prisma: PrismaClient,
  token: string | null | undefined,
  now: Date = new Date(),
): Promise<Date | null> {
  if (!isSessionTokenFormat(token)) return null;
  // Raw SQL for the same reason as resolveSession's: a WebSocket's operations ask this.
  const [row] = await prisma.$queryRaw<{ expiresAt: Date }[]>`
    SELECT expires_at AS "expiresAt" FROM sessions
    WHERE id = ${sessionId(token)}::text AND expires_at > ${now.toISOString()}::timestamptz`;
  return row?.expiresAt ?? null;
}

/** Signs one session out. True when there was such a session; a malformed token is false. */
export async function deleteSession(
  prisma: PrismaClient,
  token: string | null | undefined,
): Promise<boolean> {
  if (!isSessionTokenFormat(token)) return false;
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId(token) } });
  return count > 0;
}

/** Signs a user out everywhere (e.g. after a password change); returns how many sessions ended. */
export async function deleteUserSessions(prisma: PrismaClient, userId: number): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId } });
  return count;
}

/** Removes every expired session (for a periodic clean-up; resolveSession removes its own). */
export async function deleteExpiredSessions(
  prisma: PrismaClient,
  now: Date = new Date(),
): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
