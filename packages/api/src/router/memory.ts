import {
  addMemory,
  answerMemoryProposal,
  deleteMemory,
  listMemories,
  memoryIdInput,
  memoryInput,
  memoryUpdate,
  proposalAnswerInput,
  updateMemory,
} from '@coach/athlete-data';
import { athleteChanged, athleteChangeProcedure } from '../athlete-change';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** What the signed-in athlete has told the coach to keep ("What your coach knows"). */
export const memoryRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listMemories(ctx.deps.prisma, ctx.user.id)),
  add: athleteChangeProcedure('memory')
    .input(memoryInput)
    .mutation(({ ctx, input }) => addMemory(ctx.deps.prisma, ctx.user.id, input)),
  update: athleteChangeProcedure('memory')
    .input(memoryUpdate)
    .mutation(({ ctx, input }) => updateMemory(ctx.deps.prisma, ctx.user.id, input)),
  delete: athleteChangeProcedure('memory')
    .input(memoryIdInput)
    .mutation(({ ctx, input }) => deleteMemory(ctx.deps.prisma, ctx.user.id, input)),
  /** Keeps (`accept: true`) or refuses an item the coach proposed; the first answer stands. */
  answerProposal: protectedProcedure.input(proposalAnswerInput).mutation(async ({ ctx, input }) => {
    const { proposal, added } = await answerMemoryProposal(ctx.deps.prisma, ctx.user.id, input);
    // Only a kept item changes what the coach rests on.
    if (added) await athleteChanged(ctx.deps, ctx.user.id, 'memory');
    return proposal;
  }),
});
