import { useEffect } from 'react';
import { type ApiErrorLike, apiErrorMessage, errorCode } from '../auth/errors';
import { trpc } from '../trpc';
import type { SectionProps } from './Section';
import type { Units } from './types';

interface QueryLike<T> {
  data: T | undefined;
  error: ApiErrorLike | null;
  refetch: () => unknown;
}

/**
 * A query's state as a section's props. Data already on screen stays there when a background refetch
 * fails; an ended session sends the page back to sign-in (App shows it once `auth.me` is null).
 */
export function useSection<T>(query: QueryLike<T>): SectionProps<T> {
  const utils = trpc.useUtils();
  const unauthorized = errorCode(query.error) === 'UNAUTHORIZED';
  useEffect(() => {
    if (unauthorized) void utils.auth.me.invalidate();
  }, [unauthorized, utils]);
  const showError = query.error !== null && query.data === undefined;
  return {
    data: showError ? null : query.data,
    error: showError && query.error ? apiErrorMessage(query.error) : null,
    onRetry: () => void query.refetch(),
  };
}

/** The athlete's distance units (shared cached settings query); metric until it has loaded. */
export function useUnits(): Units {
  const settings = trpc.settings.get.useQuery(undefined, { select: (s) => s.units });
  return settings.data ?? 'metric';
}
