import { useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useEffect } from 'react';
import { COACH_MEMORY_ANCHOR } from '../coach/anchors';
import { formatDateInYear } from '../coach/format';
import { trpc } from '../trpc';
import type { Remembered } from './chat-state';

/** The "What your coach knows" panel's query, refreshed when chat adds to it. */
export const MEMORY_LIST_KEY = getQueryKey(trpc.memory.list, undefined, 'query');

/**
 * Under an answer whose question said "remember that …": the item saved, since when if its words
 * said, with a link to the panel (whose list is refreshed, so it shows the item), or why it was
 * not saved.
 */
export function RememberedNote({ remembered }: { remembered: Remembered }) {
  const queryClient = useQueryClient();
  const saved = remembered.saved;
  useEffect(() => {
    if (saved) void queryClient.invalidateQueries({ queryKey: MEMORY_LIST_KEY });
  }, [saved, queryClient]);
  return (
    <p className="chat-remembered" data-testid="chat-remembered" role="status">
      {remembered.saved ? (
        <>
          Saved to <a href={`#${COACH_MEMORY_ANCHOR}`}>what your coach knows</a>: “{remembered.text}
          ”
          {remembered.since &&
            `, since ${formatDateInYear(remembered.since, new Date().getFullYear())}`}
        </>
      ) : (
        <>Not saved: {remembered.message}</>
      )}
    </p>
  );
}
