import type { Query, QueryClient } from '@tanstack/react-query';

/** tRPC keys its queries `[path, { input, type }]`, the path as an array: ['auth', 'me']. */
function isAuthMe(query: Query): boolean {
  const path = query.queryKey[0];
  return Array.isArray(path) && path[0] === 'auth' && path[1] === 'me';
}

/**
 * Forgets every cached answer that belongs to an athlete (metrics, journal, settings, chat), so that
 * the next athlete to sign in on this browser never sees the previous one's data, not even for the
 * moment a refetch takes. `auth.me` stays: the page decides from it what to show.
 */
export function clearAthleteData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => !isAuthMe(query) });
}
