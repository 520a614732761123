import type { ApiDependencies } from './request-context';

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
