import { addMemory, loadAthleteProfile, MemoryFullError, proposeMemory } from '@coach/athlete-data';
import { type ChatMemory, sinceIn } from '@coach/chat';
import { athleteChanged } from './athlete-change';
import type { ApiDependencies } from './request-context';

/**
 * What "remember that …" in chat saves: an item with source `chat`, dated when its words say since
 * when (in the athlete's time zone, as the panel's "Since"), then the change every memory
 * change makes (the day coached again, the cached context dropped), before the answer's prompt is
 * built. A full memory is told, not thrown: the answer goes on. What the coach proposes is stored
 * pending, dated the same way there and then (accepted days later, "for a week" still counts back
 * from the day it was said): no change to the memory, so nothing to announce.
 */
export function chatMemory(deps: () => ApiDependencies): ChatMemory {
  return {
    async remember(userId, request) {
      try {
        const { prisma } = deps();
        const now = new Date();
        const { today } = await loadAthleteProfile(prisma, userId, now);
        const since = await sinceIn(request.text, today);
        const item = await addMemory(prisma, userId, { ...request, since }, now, 'chat');
        await athleteChanged(deps(), userId, 'memory');
        const saved = { saved: true, id: item.id, kind: item.kind, text: item.text } as const;
        return item.since ? { ...saved, since: item.since } : saved;
      } catch (error) {
        if (!(error instanceof MemoryFullError)) throw error;
        return { saved: false, message: error.message };
      }
    },
    async propose(userId, proposal, answer) {
      const { prisma } = deps();
      const { today } = await loadAthleteProfile(prisma, userId, new Date());
      const since = await sinceIn(proposal.text, today);
      return proposeMemory(prisma, userId, { ...proposal, since }, answer);
    },
  };
}
