import { addMemory, MemoryFullError } from '@coach/athlete-data';
import type { ChatMemory } from '@coach/chat';
import { athleteChanged } from './athlete-change';
import type { ApiDependencies } from './request-context';

/**
 * What "remember that …" in chat saves: an item with source `chat`, then the change every memory
 * change makes (the day coached again, the cached context dropped), before the answer's prompt is
 * built. A full memory is told, not thrown: the answer goes on.
 */
export function chatMemory(deps: () => ApiDependencies): ChatMemory {
  return {
    async remember(userId, request) {
      try {
        const item = await addMemory(deps().prisma, userId, request, new Date(), 'chat');
        await athleteChanged(deps(), userId, 'memory');
        return { saved: true, id: item.id, kind: item.kind, text: item.text };
      } catch (error) {
        if (!(error instanceof MemoryFullError)) throw error;
        return { saved: false, message: error.message };
      }
    },
  };
}
