import { getJournalEntry, journalInput, upsertJournal } from '@coach/coach';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** The athlete's daily check-in; a change clears their cached coach context. */
export const journalRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getJournalEntry(ctx.deps.prisma, ctx.user.id)),
  upsert: protectedProcedure.input(journalInput).mutation(async ({ ctx, input }) => {
    const entry = await upsertJournal(ctx.deps.prisma, ctx.user.id, input);
    ctx.deps.contexts.clearUserCache(ctx.user.id);
    return entry;
  }),
});
