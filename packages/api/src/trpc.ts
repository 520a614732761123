import { DailyLimitReachedError } from '@coach/chat';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { toTRPCError } from './errors';
import { containsNul } from './nul';
import type { RequestContext } from './request-context';
import { signedInUser } from './session';

const t = initTRPC.context<RequestContext>().create({
  // Stack traces stay on the server, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const usage = error.cause instanceof DailyLimitReachedError ? error.cause.usage : undefined;
    return { ...shape, data: { ...shape.data, usage } };
  },
});

export const createTRPCRouter = t.router;

/** Maps whatever a procedure throws through the one error vocabulary. */
const mapErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  // tRPC wraps thrown domain errors as INTERNAL_SERVER_ERROR and failed input validation as
  // BAD_REQUEST, with the original as the cause; its other errors (a body or ?input= that is not
  // JSON) and deliberate TRPCErrors pass through as they are.
  const { error } = result;
  const unwrap = error.code === 'INTERNAL_SERVER_ERROR' || error.cause instanceof ZodError;
  throw toTRPCError(unwrap && error.cause ? error.cause : error, ctx.deps.logger);
});

/**
 * Refuses a NUL character anywhere in the raw input. Here, on the procedure every other one is
 * built from, it covers each new procedure and each new text field without anyone remembering.
 */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  // A body that is not JSON is refused by the procedure's own input parsing (400); a procedure
  // that takes no input never reads it, as tRPC's clients expect (they send no body for it).
  const input = await getRawInput().catch(() => undefined);
  if (containsNul(input)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Text may not contain NUL characters.' });
  }
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(refuseNul);

/** A procedure for a signed-in athlete: `ctx.user` is non-null inside. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = await signedInUser(ctx);
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  // The athlete's first request of their day makes the day's coaching (once; cached per instance).
  await ctx.deps.coaching.ensureToday(user.id, user.timezone);
  return next({ ctx: { ...ctx, user } });
});
