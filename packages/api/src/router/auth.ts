import {
  authenticate,
  clearedSessionCookie,
  createSession,
  deleteSession,
  loginInput,
  sessionCookie,
  signup,
  signupInput,
} from '@coach/auth';
import { TRPCError } from '@trpc/server';
import type { RequestContext, SessionUser } from '../request-context';
import { signedInUser } from '../session';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

/** Signs the athlete in on this response: a new session and its cookie (HTTP only). */
async function startSession(ctx: RequestContext, user: SessionUser): Promise<SessionUser> {
  if (!ctx.setCookie) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Sign in over HTTP, not over a WebSocket.',
    });
  }
  const session = await createSession(ctx.deps.prisma, user.id);
  ctx.setCookie(sessionCookie(session.token, session.expiresAt, { secure: ctx.secureCookies }));
  return user;
}

export const authRouter = createTRPCRouter({
  signup: publicProcedure.input(signupInput).mutation(async ({ ctx, input }) => {
    const user = await signup(ctx.deps.prisma, input, { ip: ctx.ip });
    ctx.deps.logger.info({ userId: user.id }, 'athlete signed up');
    return startSession(ctx, user);
  }),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const user = await authenticate(ctx.deps.prisma, input, { ip: ctx.ip });
    if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
    return startSession(ctx, user);
  }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) {
      await deleteSession(ctx.deps.prisma, ctx.sessionToken);
      ctx.deps.sessions.ended(ctx.sessionToken);
    }
    ctx.setCookie?.(clearedSessionCookie({ secure: ctx.secureCookies }));
    return { signedOut: true };
  }),

  /** The signed-in athlete, or null: the page asks this first. */
  me: publicProcedure.query(({ ctx }) => signedInUser(ctx)),
});
