import { TRPCError } from '@trpc/server';
import type { RequestContext, SessionUser } from './context';
import { GENERIC_ERROR_MESSAGE } from './errors';

/** The signed-in athlete, or null when signed out. */
export async function signedInUser(ctx: RequestContext): Promise<SessionUser | null> {
  // A database outage is not a sign-out: answering UNAUTHORIZED would send the athlete to sign-in.
  if (ctx.sessionLookupFailed) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_ERROR_MESSAGE });
  }
  return ctx.user;
}
