import {
  addMemory,
  deleteMemory,
  listMemories,
  memoryIdInput,
  memoryInput,
  memoryUpdate,
  updateMemory,
} from '@coach/athlete-data';
import { athleteChanged } from '../athlete-change';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** A change to what the coach knows: once it succeeds, the next prompt carries it. */
const memoryChange = protectedProcedure.use(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) await athleteChanged(ctx.deps, ctx.user.id);
  return result;
});

/** What the signed-in athlete has told the coach to keep ("What your coach knows"). */
export const memoryRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listMemories(ctx.deps.prisma, ctx.user.id)),
  add: memoryChange
    .input(memoryInput)
    .mutation(({ ctx, input }) => addMemory(ctx.deps.prisma, ctx.user.id, input)),
  update: memoryChange
    .input(memoryUpdate)
    .mutation(({ ctx, input }) => updateMemory(ctx.deps.prisma, ctx.user.id, input)),
  delete: memoryChange
    .input(memoryIdInput)
    .mutation(({ ctx, input }) => deleteMemory(ctx.deps.prisma, ctx.user.id, input)),
});
