import { sessionStandsUntil } from '@coach/auth';
import { TRPCError } from '@trpc/server';
import { GENERIC_ERROR_MESSAGE } from './errors';
import type { RequestContext, SessionUser } from './request-context';

/**
 * The signed-in athlete, or null when signed out. Over HTTP the session was looked up for this very
 * request; a WebSocket's was looked up when it opened, so an operation on it checks that the
 * session has been neither signed out (perhaps on another instance) nor expired since: from what
 * the socket knows while that still holds (`VerifiedSession`), else in the database.
 */
export async function signedInUser(ctx: RequestContext): Promise<SessionUser | null> {
  // A database outage is not a sign-out: answering UNAUTHORIZED would send the athlete to sign-in.
  if (ctx.sessionLookupFailed) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_ERROR_MESSAGE });
  }
  if (!ctx.user || !ctx.socket) return ctx.user;
  if (ctx.sessionEnded?.aborted) return null;
  const now = Date.now();
  if (ctx.verifiedSession?.holds(now)) return ctx.user;
  const standsUntil = await sessionStandsUntil(ctx.deps.prisma, ctx.sessionToken, new Date(now));
  if (!standsUntil) return null;
  ctx.verifiedSession?.confirmed(now, standsUntil.getTime());
  return ctx.user;
}
