import type { AthleteChange } from '@coach/coaching-runs';
import type { ApiDependencies } from './request-context';
import { protectedProcedure } from './trpc';

/**
 * After a change to what the coach rests on (activities, races, journal, memory, settings): the
 * day's recommendation and autopsies are made again (the plan too for races and settings), then the
 * cached chat context is dropped, here and on the other instances.
 */
export async function athleteChanged(
  deps: ApiDependencies,
  userId: number,
  change: AthleteChange,
): Promise<void> {
  await deps.coaching.rerun(userId, change);
  await athleteContextChanged(deps, userId);
}

/**
 * What the chat's context rests on changed (a change above, or coaching narratives written after
 * it): the cached context is dropped, here and on the other instances.
 */
export async function athleteContextChanged(
  deps: Pick<ApiDependencies, 'contexts' | 'athleteChanges'>,
  userId: number,
): Promise<void> {
  deps.contexts.clearUserCache(userId);
  await deps.athleteChanges.announce(userId);
}

/** A signed-in athlete's change of `change`: once it succeeds, `athleteChanged` runs. */
export const athleteChangeProcedure = (change: AthleteChange) =>
  protectedProcedure.use(async ({ ctx, next }) => {
    const result = await next();
    if (result.ok) await athleteChanged(ctx.deps, ctx.user.id, change);
    return result;
  });
