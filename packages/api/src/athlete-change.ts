import type { ApiDependencies } from './request-context';
import { protectedProcedure } from './trpc';

/**
 * After a change to what the coach rests on (activities, races, journal, settings): the day's
 * plan, recommendation and autopsy are made again, then the cached chat context is dropped, here
 * and on the other instances.
 */
export async function athleteChanged(deps: ApiDependencies, userId: number): Promise<void> {
  await deps.coaching.rerun(userId);
  deps.contexts.clearUserCache(userId);
  await deps.athleteChanges.announce(userId);
}

/** A signed-in athlete's change: once it succeeds, `athleteChanged` runs. */
export const athleteChangeProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) await athleteChanged(ctx.deps, ctx.user.id);
  return result;
});
