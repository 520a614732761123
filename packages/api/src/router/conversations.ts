import {
  conversationIdInput,
  deleteAllConversations,
  deleteConversation,
  getConversation,
  listConversations,
} from '@coach/chat';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** The signed-in athlete's saved chat conversations. */
export const conversationsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listConversations(ctx.deps.prisma, ctx.user.id)),
  get: protectedProcedure
    .input(conversationIdInput)
    .query(({ ctx, input }) => getConversation(ctx.deps.prisma, ctx.user.id, input.id)),
  delete: protectedProcedure.input(conversationIdInput).mutation(async ({ ctx, input }) => {
    await deleteConversation(ctx.deps.prisma, ctx.user.id, input.id);
    return { deleted: true };
  }),
  deleteAll: protectedProcedure.mutation(async ({ ctx }) => ({
    deleted: await deleteAllConversations(ctx.deps.prisma, ctx.user.id),
  })),
});
