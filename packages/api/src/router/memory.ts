import {
  addMemory,
  deleteMemory,
  listMemories,
  memoryIdInput,
  memoryInput,
  memoryUpdate,
  updateMemory,
} from '@coach/athlete-data';
import { athleteChangeProcedure } from '../athlete-change';
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
});
